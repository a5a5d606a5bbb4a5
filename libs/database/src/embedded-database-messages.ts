// What the embedded database's thread and the main thread say to each other. Apart from the thread's file, which
// opens the database as soon as it is loaded.

/** What the main thread passes: where the database lives, and the tarball an in-memory one starts from. */
export interface EmbeddedDatabaseThreadData {
  dataDir: string;
  initialData?: ArrayBuffer;
}

/** Main thread → thread. `connection` numbers the main thread's connections; each is one PostgreSQL session. */
export type EmbeddedDatabaseRequest =
  { kind: 'protocol'; connection: number; bytes: ArrayBuffer } | { kind: 'dump'; request: number } | { kind: 'close' };

/** Thread → main thread. */
export type EmbeddedDatabaseReply =
  | { kind: 'ready' }
  | { kind: 'startFailed'; message: string }
  /** `done`: the last part of the answer to one request. */
  | { kind: 'protocol'; connection: number; chunks: ArrayBuffer[]; done: boolean }
  | { kind: 'connectionFailed'; connection: number; message: string }
  | { kind: 'dumped'; request: number; data: ArrayBuffer }
  | { kind: 'dumpFailed'; request: number; message: string }
  | { kind: 'closeFailed'; message: string };
