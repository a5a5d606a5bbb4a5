/**
 * The embedded database's thread (worker_threads), started by EmbeddedDatabaseWorker: it owns PGlite, whose
 * statements run synchronously in WebAssembly, so none of that work holds the event loop that answers redirects.
 * The main thread's pg connections send it PostgreSQL wire-protocol bytes; PGlite answers with the bytes a server
 * would send, errors included.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import type {
  EmbeddedDatabaseReply,
  EmbeddedDatabaseRequest,
  EmbeddedDatabaseThreadData,
} from './embedded-database-messages';

const port = parentPort!;

function post(reply: EmbeddedDatabaseReply, transfer: ArrayBuffer[] = []): void {
  port.postMessage(reply, transfer);
}

/**
 * PostgreSQL's memory, sized for one embedded server. PGlite's WebAssembly memory only grows: with initdb's 128 MB of
 * shared buffers a process kept ~150 MB more once a busy database had filled them. Pages it evicts are read back from the
 * operating system's page cache.
 */
const SETTINGS = ['shared_buffers=16MB', 'maintenance_work_mem=16MB'];

async function main(): Promise<void> {
  const { dataDir, initialData } = workerData as EmbeddedDatabaseThreadData;
  let pglite: PGlite;
  try {
    pglite = new PGlite({
      dataDir,
      loadDataDir: initialData ? new Blob([initialData]) : undefined,
      startParams: [...PGlite.defaultStartParams, ...SETTINGS.flatMap((setting) => ['-c', setting])],
    });
    await pglite.waitReady;
  } catch (error) {
    post({ kind: 'startFailed', message: (error as Error).message });
    process.exit(1);
  }
  // PGlite is one backend: requests run one at a time, in the order they came.
  let queue = Promise.resolve();
  port.on('message', (request: EmbeddedDatabaseRequest) => {
    queue = queue.then(() => handle(pglite, request));
  });
  post({ kind: 'ready' });
}

/** pg's Sync: ends whatever extended-protocol exchange a connection left unfinished, so the reset below is heard. */
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);

/** How much of an answer the thread holds before passing it on. */
const PART_BYTES = 1 << 20;

/** The connection whose session PGlite's one backend holds. */
let sessionOf: number | undefined;

async function handle(pglite: PGlite, request: EmbeddedDatabaseRequest): Promise<void> {
  switch (request.kind) {
    case 'protocol': {
      if (request.connection !== sessionOf) {
        if (sessionOf !== undefined) await endSession(pglite);
        sessionOf = request.connection;
      }
      // PGlite hands out views of its WebAssembly memory: each is copied once, and that copy is moved, not cloned.
      // A long answer (a COPY of many events) goes on by the megabyte while PGlite is still writing it.
      let chunks: ArrayBuffer[] = [];
      let size = 0;
      const send = (done: boolean) => {
        post({ kind: 'protocol', connection: request.connection, chunks, done }, chunks);
        chunks = [];
        size = 0;
      };
      try {
        await pglite.execProtocolRawStream(new Uint8Array(request.bytes), {
          onRawData: (data) => {
            chunks.push(data.slice().buffer);
            size += data.length;
            if (size >= PART_BYTES) send(false);
          },
        });
      } catch (error) {
        post({ kind: 'connectionFailed', connection: request.connection, message: (error as Error).message });
        return;
      }
      send(true);
      return;
    }
    case 'dump':
      try {
        const data = await (await pglite.dumpDataDir('none')).arrayBuffer();
        post({ kind: 'dumped', request: request.request, data }, [data]);
      } catch (error) {
        post({ kind: 'dumpFailed', request: request.request, message: (error as Error).message });
      }
      return;
    case 'close':
      // The exit code says whether the data folder was closed cleanly.
      try {
        await pglite.close();
      } catch (error) {
        post({ kind: 'closeFailed', message: (error as Error).message });
        process.exit(1);
      }
      process.exit(0);
  }
}

/**
 * A new connection gets a new session, as from a server: the previous one's transaction rolled back, its prepared
 * statements and settings gone. Done when the new one first speaks (not when the old one ends), so nothing the old
 * one sent can come after it. A backend that cannot even do this fails the new connection's statements, which say why.
 */
async function endSession(pglite: PGlite): Promise<void> {
  try {
    await pglite.execProtocolRaw(SYNC);
    if (pglite.isInTransaction()) await pglite.exec('ROLLBACK');
    await pglite.exec('DISCARD ALL');
  } catch {
    // reported by the next statement
  }
}

void main();
