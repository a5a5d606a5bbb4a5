import { mkdirSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { DataSource, DataSourceOptions } from 'typeorm';
import { DatabaseLogger } from './database-logger';
import { EmbeddedDatabaseWorker } from './embedded-database.worker';
import { SnakeNamingStrategy } from './naming.strategy';
import { MIGRATIONS } from './migrations';

export interface DatabaseTarget {
  /** PostgreSQL URL; absent = the embedded PGlite database. */
  url?: string;
  /** PGlite data folder, or `memory://`. */
  dataDir: string;
  /**
   * An in-memory embedded database starts as this one (a PGlite `dumpDataDir` tarball) instead of an empty one:
   * tests load one already migrated, where creating and migrating a database took most of an app's boot.
   */
  initialData?: Blob;
}

/** A data source plus whatever must be closed after it (the embedded database). */
export interface OpenedDataSource {
  dataSource: DataSource;
  close(): Promise<void>;
  embedded: boolean;
  /** The embedded database as a tarball, for `initialData` (absent on PostgreSQL). */
  dump?: () => Promise<Blob>;
}

const IDLE_IN_TRANSACTION_TIMEOUT_MS = 30_000;
const MIGRATION_LOCK_KEY = 7_412_003_321; // any constant shared by every instance

/**
 * Opens a data source on the real PostgreSQL or on PGlite (in a thread of its own, spoken to in PostgreSQL's wire
 * protocol, so the same TypeORM driver, SQL and migrations serve both), and runs pending migrations under an
 * advisory lock so instances starting together do not race.
 */
export async function openDataSource(
  target: DatabaseTarget,
  options: Partial<DataSourceOptions> = {},
): Promise<OpenedDataSource> {
  const common = {
    type: 'postgres' as const,
    namingStrategy: new SnakeNamingStrategy(),
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    logging: ['error' as const, 'warn' as const],
    logger: new DatabaseLogger(),
    ...options,
  } as DataSourceOptions;

  if (target.url) {
    const dataSource = new DataSource({
      ...common,
      url: target.url,
      extra: {
        max: 20,
        connectionTimeoutMillis: 5_000,
        idleTimeoutMillis: 30_000,
        // A connection whose other end vanished without a reset is noticed by TCP keep-alive, not never.
        keepAlive: true,
        // A transaction whose client went silent mid-way (network cut, frozen process) would hold its row
        // locks for good, stalling every later writer of those rows; the server ends it after this long
        // idle. Every transaction here is a few statements sent back to back.
        idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_TIMEOUT_MS,
      },
    } as DataSourceOptions);
    await dataSource.initialize();
    await runMigrationsLocked(dataSource);
    return { dataSource, embedded: false, close: () => destroy(dataSource) };
  }

  if (!target.dataDir.startsWith('memory://')) mkdirSync(target.dataDir, { recursive: true });
  const database = await EmbeddedDatabaseWorker.start(
    target.dataDir,
    target.dataDir.startsWith('memory://') ? target.initialData : undefined,
  );
  const dataSource = new DataSource({
    ...common,
    // PGlite's one role and database; pg reaches them through the thread instead of a socket.
    username: 'postgres',
    database: 'postgres',
    // PGlite is one single-user backend: one connection, never closed while idle.
    extra: { stream: () => database.connect(), max: 1, idleTimeoutMillis: 0 },
  } as DataSourceOptions);
  try {
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
  } catch (error) {
    await destroy(dataSource).finally(() => database.close());
    throw error;
  }
  return {
    dataSource,
    embedded: true,
    dump: () => database.dump(),
    close: async () => {
      await destroy(dataSource);
      await database.close();
    },
  };
}

async function runMigrationsLocked(dataSource: DataSource): Promise<void> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0) new Logger('Database').log(`Applied ${applied.length} migration(s)`);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.release();
  }
}

/** How long closing waits for connections still running a query before it cuts them. */
const CLOSE_WAIT_MS = 10_000;

/**
 * Closes the pool. A query sent on a connection whose other end vanished silently (a network cut) never answers,
 * and the pool waits for every connection to come back: after CLOSE_WAIT_MS the ones still out are cut, so a
 * shutdown after a network fault ends instead of hanging until TCP keep-alive gives up (hours).
 */
async function destroy(dataSource: DataSource): Promise<void> {
  if (!dataSource.isInitialized) return;
  const closed = dataSource.destroy();
  let timer: NodeJS.Timeout | undefined;
  const late = await Promise.race([
    closed.then(() => false),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), CLOSE_WAIT_MS))),
  ]).finally(() => clearTimeout(timer));
  if (!late) return;
  // pg's Pool offers no public way to end connections that are out: their sockets are destroyed.
  const pool = (
    dataSource.driver as unknown as { master?: { _clients?: { connection?: { stream?: { destroy(): void } } }[] } }
  ).master;
  const stuck = pool?._clients ?? [];
  new Logger('Database').warn(`${stuck.length} connection(s) still busy ${CLOSE_WAIT_MS} ms after close: cut`);
  for (const client of stuck) client.connection?.stream?.destroy();
  await closed;
}
