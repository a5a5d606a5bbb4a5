import { execFile, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

const run = promisify(execFile);

/**
 * A private PostgreSQL server under a temp directory, for tests that stop, restart or slow down the
 * database (the machine's shared server must never be stopped). initdb and postgres refuse to run as
 * root, so as root they run as the `postgres` OS user through runuser.
 */
export interface PostgresCluster {
  /** Superuser URL of the `postgres` database (trust authentication, TCP on 127.0.0.1). */
  readonly url: string;
  readonly port: number;
  /** The server log so far (for failure messages). */
  log(): string;
  /** Whether the server was started and not stopped since. */
  readonly running: boolean;
  /** Starts the server again after `stop()`, on the same port and data. */
  start(): Promise<void>;
  /** Stops the server: `fast` ends sessions cleanly, `immediate` is a crash (no shutdown checkpoint). */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  restart(): Promise<void>;
  /** Stops the server and deletes its directory. */
  destroy(): Promise<void>;
}

const VERSIONS = ['17', '16', '15'];

/** The folder of initdb/pg_ctl/postgres: PG_BIN, else Debian's /usr/lib/postgresql/<version>/bin, else pg_config's. */
export function findPostgresBinaries(): string | null {
  const candidates = [process.env.PG_BIN, ...VERSIONS.map((version) => `/usr/lib/postgresql/${version}/bin`)];
  const fromPgConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (fromPgConfig.status === 0) candidates.push(fromPgConfig.stdout.trim());
  return (
    candidates.find(
      (folder) => folder && ['initdb', 'pg_ctl', 'postgres'].every((name) => existsSync(join(folder, name))),
    ) ?? null
  );
}

/**
 * `describe` when PostgreSQL's server binaries are installed; otherwise `describe.skip` with a note, except
 * in CI (CI=true), where missing binaries fail the file: the fault tests must run there.
 */
export function describeWithPostgresCluster(): jest.Describe {
  if (findPostgresBinaries()) return describe;
  const message = 'PostgreSQL server binaries (initdb, pg_ctl, postgres) not found: set PG_BIN or install postgresql';
  if (process.env.CI === 'true') throw new Error(`${message} (CI=true: the fault tests cannot be skipped)`);
  console.warn(`Skipping the fault tests: ${message}`);
  return describe.skip;
}

export async function startPostgresCluster(): Promise<PostgresCluster> {
  const binaries = findPostgresBinaries();
  if (!binaries) throw new Error('PostgreSQL server binaries not found (set PG_BIN)');
  const asRoot = process.getuid?.() === 0;
  const directory = mkdtempSync(join(tmpdir(), 'linktrace-pg-'));
  const dataDirectory = join(directory, 'data');
  const logFile = join(directory, 'server.log');
  if (asRoot) {
    const { uid, gid } = postgresUser();
    chownSync(directory, uid, gid);
  }
  const command = (name: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', join(binaries, name), ...args]] : [join(binaries, name), args];
  const exec = async (name: string, args: string[]) => {
    const [file, argv] = command(name, args);
    try {
      await run(file, argv, { cwd: directory, timeout: 60_000 });
    } catch (error) {
      const { stderr, stdout } = error as { stderr?: string; stdout?: string };
      throw new Error(
        `${name} ${args.join(' ')} failed: ${stderr || stdout || (error as Error).message}\n${readLog()}`,
        { cause: error },
      );
    }
  };
  const readLog = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');

  await exec('initdb', [
    '-D',
    dataDirectory,
    '-U',
    'postgres',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--locale=C',
    '--no-sync',
    '--no-instructions',
  ]);
  const port = await freePort();
  const serverOptions = [
    `-p ${port}`,
    `-k ${directory}`,
    '-c listen_addresses=127.0.0.1',
    // A throwaway server: surviving a power cut buys nothing here (fsync, full pages). Commits stay synchronous:
    // the specs crash the server process on purpose, and an asynchronous commit would lose what they had committed.
    '-c fsync=off',
    '-c full_page_writes=off',
    '-c shared_buffers=32MB',
    '-c max_connections=60',
  ].join(' ');

  let running = false;
  const start = async () => {
    await exec('pg_ctl', ['-D', dataDirectory, '-l', logFile, '-w', '-t', '60', '-o', serverOptions, 'start']);
    running = true;
  };
  const stop = async (mode: 'fast' | 'immediate' = 'fast') => {
    await exec('pg_ctl', ['-D', dataDirectory, '-m', mode, '-w', '-t', '60', 'stop']);
    running = false;
  };
  // If the test process ends without afterAll (a crash, a timeout), the server must not outlive it.
  const stopOnExit = () => {
    if (!running) return;
    const [file, argv] = command('pg_ctl', ['-D', dataDirectory, '-m', 'immediate', '-w', 'stop']);
    spawnSync(file, argv, { cwd: directory, timeout: 10_000 });
    rmSync(directory, { recursive: true, force: true });
  };
  process.once('exit', stopOnExit);

  try {
    await start();
  } catch (error) {
    rmSync(directory, { recursive: true, force: true });
    process.removeListener('exit', stopOnExit);
    throw error;
  }

  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    log: readLog,
    get running() {
      return running;
    },
    start,
    stop,
    restart: async () => {
      if (running) await stop();
      await start();
    },
    destroy: async () => {
      try {
        if (running) await stop('immediate');
      } finally {
        process.removeListener('exit', stopOnExit);
        rmSync(directory, { recursive: true, force: true });
      }
    },
  };
}

function postgresUser(): { uid: number; gid: number } {
  const result = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const groups = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (result.status !== 0 || groups.status !== 0)
    throw new Error('Running as root needs a `postgres` OS user to run the PostgreSQL server');
  return { uid: Number(result.stdout.trim()), gid: Number(groups.stdout.trim()) };
}
