import { extname, join } from 'node:path';
import { Duplex } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { Logger } from '@nestjs/common';
import type {
  EmbeddedDatabaseReply,
  EmbeddedDatabaseRequest,
  EmbeddedDatabaseThreadData,
} from './embedded-database-messages';

/** pg's Terminate message. Sent on to PGlite it would stop its one backend for good: the stream's end says enough. */
const TERMINATE = Buffer.from([0x58, 0, 0, 0, 4]);

/**
 * PGlite's thread's young generation: its short-lived objects are the messages it passes on (their bytes are moved,
 * not copied), and the process's `--max-semi-space-size` would let a second nursery grow as large as the request
 * thread's, in the same RSS.
 */
const THREAD_YOUNG_GENERATION_MB = 8;

interface Pending<T> {
  resolve(value: T): void;
  reject(error: Error): void;
}

/**
 * The embedded database (PGlite) in a thread of its own (embedded-database.thread.ts). `connect()` makes a stream
 * that pg uses as its socket: what pg writes goes to the thread as wire-protocol bytes and PGlite's answer comes
 * back as what the socket reads, so TypeORM, the SQL and pg's errors are the same as on a PostgreSQL server. If the
 * thread ends unasked, every connection fails with the reason and so does every later one.
 */
export class EmbeddedDatabaseWorker {
  private readonly logger = new Logger('Database');
  private readonly connections = new Map<number, EmbeddedDatabaseConnection>();
  private readonly dumps = new Map<number, Pending<Blob>>();
  private readonly started: Promise<void>;
  private startedPending!: Pending<void>;
  private nextId = 1;
  /** Requests whose answer is awaited: the thread keeps the process alive only while there are some, as a socket. */
  private awaited = 0;
  private threadError?: Error;
  private startFailure?: string;
  private closeFailure?: string;
  private closing?: Promise<void>;
  /** Set once the thread has ended: the error every later use fails with. */
  private failure?: Error;

  /** `thread`: PGlite's (exposed for diagnostics and tests). */
  private constructor(readonly thread: Worker) {
    this.started = new Promise((resolve, reject) => (this.startedPending = { resolve, reject }));
    thread.on('message', (reply: EmbeddedDatabaseReply) => this.receive(reply));
    thread.on('error', (error) => (this.threadError = error)); // 'exit' follows
    thread.on('exit', (code) => this.ended(code));
  }

  /** Opens the database in `dataDir` (or `memory://`, from `initialData` when given) in a new thread. */
  static async start(dataDir: string, initialData?: Blob): Promise<EmbeddedDatabaseWorker> {
    const data = initialData ? await initialData.arrayBuffer() : undefined;
    // Under ts-node-like loaders (dev, tests, benches) the thread's .ts file needs the same loader.
    const typescript = extname(__filename) === '.ts';
    const loaded = process.execArgv.includes('@swc-node/register');
    const thread = new Worker(join(__dirname, `embedded-database.thread${extname(__filename)}`), {
      workerData: { dataDir, initialData: data } satisfies EmbeddedDatabaseThreadData,
      transferList: data ? [data] : [],
      execArgv: typescript && !loaded ? [...process.execArgv, '-r', '@swc-node/register'] : undefined,
      resourceLimits: { maxYoungGenerationSizeMb: THREAD_YOUNG_GENERATION_MB },
    });
    const database = new EmbeddedDatabaseWorker(thread);
    await database.started;
    thread.unref();
    return database;
  }

  /** A new session, as the socket of a pg connection (its `stream` option). */
  connect(): Duplex {
    const id = this.nextId++;
    const connection = new EmbeddedDatabaseConnection(
      () => this.failure,
      (bytes) => this.request({ kind: 'protocol', connection: id, bytes }, [bytes]),
      () => this.connections.delete(id),
    );
    this.connections.set(id, connection);
    return connection;
  }

  /** The database as a tarball (PGlite's `dumpDataDir`), to start an in-memory one from. */
  dump(): Promise<Blob> {
    if (this.failure) return Promise.reject(this.failure);
    const request = this.nextId++;
    return new Promise((resolve, reject) => {
      this.dumps.set(request, { resolve, reject });
      this.request({ kind: 'dump', request });
    });
  }

  /** Closes PGlite (its data folder written and consistent) and waits for the thread to end. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve, reject) => {
      if (this.failure) return resolve(); // nothing left to close
      this.thread.ref();
      this.thread.once('exit', (code) =>
        code === 0
          ? resolve()
          : reject(
              new Error(`The embedded database did not close cleanly: ${this.closeFailure ?? `exit code ${code}`}`),
            ),
      );
      this.thread.postMessage({ kind: 'close' } satisfies EmbeddedDatabaseRequest);
    });
    return this.closing;
  }

  private request(request: EmbeddedDatabaseRequest, transfer: ArrayBuffer[] = []): void {
    if (this.awaited++ === 0) this.thread.ref();
    this.thread.postMessage(request, transfer);
  }

  private answered(): void {
    if (--this.awaited === 0 && !this.closing) this.thread.unref();
  }

  private receive(reply: EmbeddedDatabaseReply): void {
    switch (reply.kind) {
      case 'ready':
        return this.startedPending.resolve();
      case 'startFailed':
        this.startFailure = reply.message; // the thread exits next
        return;
      case 'closeFailed':
        this.closeFailure = reply.message;
        return;
      case 'protocol':
        if (reply.done) this.answered();
        return this.connections.get(reply.connection)?.receive(reply.chunks);
      case 'connectionFailed':
        this.answered();
        return void this.connections
          .get(reply.connection)
          ?.destroy(new Error(`The embedded database failed: ${reply.message}`));
      case 'dumped':
      case 'dumpFailed': {
        this.answered();
        const pending = this.dumps.get(reply.request);
        this.dumps.delete(reply.request);
        if (reply.kind === 'dumped') pending?.resolve(new Blob([reply.data]));
        else pending?.reject(new Error(`The embedded database was not dumped: ${reply.message}`));
        return;
      }
    }
  }

  private ended(code: number): void {
    const reason = this.startFailure ?? this.threadError?.message ?? `exit code ${code}`;
    this.failure = new Error(
      this.closing ? 'The embedded database is closed' : `The embedded database's thread ended: ${reason}`,
    );
    this.startedPending.reject(
      this.startFailure ? new Error(`The embedded database did not open: ${this.startFailure}`) : this.failure,
    );
    if (!this.closing) this.logger.error(this.failure.message);
    for (const connection of this.connections.values()) connection.destroy(this.failure);
    for (const pending of this.dumps.values()) pending.reject(this.failure);
    this.connections.clear();
    this.dumps.clear();
  }
}

/** The socket pg reads and writes, over the thread's messages; pg calls the few net.Socket methods below. */
class EmbeddedDatabaseConnection extends Duplex {
  constructor(
    private readonly threadFailure: () => Error | undefined,
    private readonly sendBytes: (bytes: ArrayBuffer) => void,
    private readonly onDestroyed: () => void,
  ) {
    super();
  }

  connect(): this {
    process.nextTick(() => {
      const failure = this.threadFailure();
      if (failure) this.destroy(failure);
      else this.emit('connect');
    });
    return this;
  }

  setNoDelay(): this {
    return this;
  }

  setKeepAlive(): this {
    return this;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  /** PGlite's answer to what was sent. */
  receive(chunks: ArrayBuffer[]): void {
    for (const chunk of chunks) this.push(Buffer.from(chunk));
  }

  override _read(): void {
    // answers are pushed as they come
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.forward([chunk]);
    callback();
  }

  /** pg corks the stream around the messages of one query: they go to the thread as one request. */
  override _writev(chunks: { chunk: Buffer }[], callback: (error?: Error | null) => void): void {
    this.forward(chunks.map(({ chunk }) => chunk));
    callback();
  }

  /** pg ends its side: so does this one (the thread resets the session when the next connection speaks). */
  override _final(callback: (error?: Error | null) => void): void {
    this.push(null);
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.onDestroyed();
    callback(error);
  }

  /** Into one new buffer (pg's may be slices of a shared pool), which is then moved to the thread, not copied. */
  private forward(chunks: Buffer[]): void {
    const messages = chunks.filter((chunk) => !chunk.equals(TERMINATE));
    const size = messages.reduce((total, chunk) => total + chunk.length, 0);
    if (size === 0) return;
    const bytes = new ArrayBuffer(size);
    let offset = 0;
    for (const chunk of messages) {
      new Uint8Array(bytes, offset, chunk.length).set(chunk);
      offset += chunk.length;
    }
    this.sendBytes(bytes);
  }
}
