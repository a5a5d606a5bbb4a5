import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpStatus, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { AppConfig, AppException, ErrorCode } from '@app/common';
import { DIMENSIONS } from '../dimensions';

/** Bumped whenever the tables below change: a file of another version is rebuilt from PostgreSQL. */
export const ANALYTICS_SCHEMA_VERSION = 8;
/** The dimension the daily pre-aggregates are keyed by besides the day and the link or value (see SCHEMA). */
export const DAILY_KEY = 'domain';
/** The UTC day number of a click's `time`: integer division, no time zone work per event. */
export const DAY = 'epoch_us(time) // 86400000000';
/** Read connections: queries of several requests run side by side, each on its own connection. */
const READ_CONNECTIONS = 4;

/**
 * The clicks as the analytics store keeps them: one row per click event of PostgreSQL (`seq` is its sequence
 * number there), the link and each dimension's value (the registry's expressions, '' as NULL) as an INTEGER code
 * of the `dictionary` (one numbering per dimension, and one for the link ids under `link`, extended by each batch
 * of new values), so a query filters and groups small integers and names its groups at the end. DuckDB stores
 * them by column, compressed: tens of bytes a click. Rows are appended in time order (each batch sorted), so a
 * window's query skips the row groups outside it (zone maps).
 *
 * Pre-aggregates, kept by the projection in the same transaction as the clicks they count, for the questions
 * asked without a dimension filter: clicks and first visits per workspace and hour, per workspace, UTC day and
 * link, and per workspace, UTC day and dimension value (codes, as in the clicks). The daily ones are also keyed by the
 * short domain the clicks came through (a workspace has a few; a link's clicks nearly all go through one), so a
 * filter on the domain alone (`domain=-x`, a link filter to a dashboard) sums them instead of scanning the window's
 * clicks. Their rows are partial sums (each
 * batch adds its own; compaction merges them): a reader always sums. A store created empty fills them once, from
 * every click, when its rebuild has caught up (analytics answer 503 until then).
 */
const SCHEMA = [
  `CREATE TABLE dictionary (dimension VARCHAR NOT NULL, code INTEGER NOT NULL, value VARCHAR NOT NULL)`,
  `CREATE TABLE clicks (
     seq BIGINT NOT NULL, time TIMESTAMPTZ NOT NULL, workspace_id VARCHAR NOT NULL, link_id INTEGER NOT NULL,
     is_bot BOOLEAN NOT NULL, first_visit BOOLEAN NOT NULL, visitor BIGINT NOT NULL,
     ${DIMENSIONS.map((dimension) => `"${dimension.name}" INTEGER`).join(', ')}
   )`,
  `CREATE TABLE hourly (workspace_id VARCHAR NOT NULL, hour TIMESTAMPTZ NOT NULL, is_bot BOOLEAN NOT NULL,
     clicks INTEGER NOT NULL, first_visits INTEGER NOT NULL)`,
  `CREATE TABLE daily_links (workspace_id VARCHAR NOT NULL, day TIMESTAMPTZ NOT NULL, link_id INTEGER NOT NULL,
     "${DAILY_KEY}" INTEGER, is_bot BOOLEAN NOT NULL, clicks INTEGER NOT NULL, first_visits INTEGER NOT NULL)`,
  `CREATE TABLE daily_values (workspace_id VARCHAR NOT NULL, day TIMESTAMPTZ NOT NULL, "${DAILY_KEY}" INTEGER,
     dimension VARCHAR NOT NULL, value INTEGER NOT NULL, is_bot BOOLEAN NOT NULL, clicks INTEGER NOT NULL,
     first_visits INTEGER NOT NULL)`,
  /**
   * `low`: every sequence number up to it is final (held, or known not to exist). `rebuilding`: the store was
   * created empty and has not caught up yet (its pre-aggregates are still empty).
   */
  `CREATE TABLE projection (schema_version INTEGER NOT NULL, low BIGINT NOT NULL, rebuilding BOOLEAN NOT NULL)`,
  `INSERT INTO projection VALUES (${ANALYTICS_SCHEMA_VERSION}, 0, true)`,
];

/** The columns holding dictionary codes, each with its numbering's name (the dimension's; `link` for the link ids). */
export const CODED_COLUMNS = [
  { dimension: 'link', column: 'link_id' },
  ...DIMENSIONS.map((dimension) => ({ dimension: dimension.name, column: `"${dimension.name}"` })),
];

/** The tables holding clicks or sums of them, with their time column (retention deletes by it). */
export const CLICK_TABLES = { clicks: 'time', hourly: 'hour', daily_links: 'day', daily_values: 'day' } as const;

/**
 * This instance's DuckDB file (`analytics.duckdb` in ANALYTICS_DIR, default DATA_DIR; in memory for `:memory:`
 * or an in-memory DATA_DIR), opened with bounded memory and threads. A file that does not open, or holds another
 * schema version, is deleted and created empty (`fresh`): the projection then rebuilds it from PostgreSQL.
 * Every call is asynchronous (node-api runs DuckDB on its own threads, off the event loop).
 */
@Injectable()
export class AnalyticsDatabase implements OnApplicationShutdown {
  private readonly logger = new Logger(AnalyticsDatabase.name);
  private instance: DuckDBInstance | null = null;
  private writer: DuckDBConnection | null = null;
  private stager: DuckDBConnection | null = null;
  private readers: DuckDBConnection[] = [];
  private idle: DuckDBConnection[] = [];
  private waiting: ((connection: DuckDBConnection) => void)[] = [];
  private opening: Promise<boolean> | null = null;
  private imports: string | null = null;
  /** Queries running: closing the database under one would free memory DuckDB is still using. */
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly config: AppConfig) {}

  /** Where the file lives, or `:memory:`. */
  get path(): string {
    const dir = this.config.ANALYTICS_DIR ?? this.config.DATA_DIR;
    return dir === ':memory:' || dir === 'memory://' ? ':memory:' : join(dir, 'analytics.duckdb');
  }

  /**
   * A folder for the files the projection loads (next to the store; a temporary one for `:memory:`), emptied
   * when first asked for: a file left there by a killed process is never loaded.
   */
  get importDir(): string {
    if (this.imports === null) {
      const path = this.path;
      if (path === ':memory:') this.imports = mkdtempSync(join(tmpdir(), 'linktrace-analytics-'));
      else {
        this.imports = `${path}.import`;
        rmSync(this.imports, { recursive: true, force: true });
        mkdirSync(this.imports, { recursive: true });
      }
    }
    return this.imports;
  }

  /** Opens (once) the file; true when it was created empty (missing, damaged or of another version). */
  open(): Promise<boolean> {
    this.opening ??= this.openOnce();
    return this.opening;
  }

  private async openOnce(): Promise<boolean> {
    const path = this.path;
    if (path !== ':memory:') mkdirSync(join(path, '..'), { recursive: true });
    let fresh = path === ':memory:' || !existsSync(path);
    try {
      await this.connect(path);
      if (!fresh && (await this.schemaVersion()) !== ANALYTICS_SCHEMA_VERSION) {
        this.logger.warn(`${path} is of another schema version: rebuilding it from PostgreSQL`);
        fresh = true;
      }
    } catch (error) {
      this.logger.warn(`${path} could not be opened (${(error as Error).message}): rebuilding it from PostgreSQL`);
      fresh = true;
    }
    if (fresh) {
      this.close();
      if (path !== ':memory:') for (const file of [path, `${path}.wal`]) rmSync(file, { force: true });
      await this.connect(path);
      for (const statement of SCHEMA) await this.writer!.run(statement);
    }
    return fresh;
  }

  private async connect(path: string): Promise<void> {
    this.instance = await DuckDBInstance.create(path, {
      memory_limit: this.config.ANALYTICS_MEMORY_LIMIT,
      threads: String(this.config.ANALYTICS_THREADS),
      // Trying FSST on every string column of every row group cost ~10% of a rebuild's CPU, for ~2 bytes a click.
      disabled_compression_methods: 'fsst',
    });
    this.writer = await this.instance.connect();
    await this.writer.run(`SET TimeZone = 'UTC'`);
    this.readers = await Promise.all(Array.from({ length: READ_CONNECTIONS }, () => this.instance!.connect()));
    // Sums by link code (daily_links: ~880,000 rows into 10,000 links over 90 days) in an array indexed by code, not a
    // hash table, up to 65,536 groups (16 bits; DuckDB's default stops at 4,096): 40% less CPU for that sum.
    for (const reader of this.readers) await reader.run(`SET perfect_ht_threshold = 16`);
    this.idle = [...this.readers];
  }

  private async schemaVersion(): Promise<number | null> {
    const reader = await this.writer!.runAndReadAll(`SELECT schema_version FROM projection`);
    const [row] = reader.getRowObjectsJS();
    return row ? Number(row.schema_version) : null;
  }

  /** The connection the projection writes through (one writer). */
  async writeConnection(): Promise<DuckDBConnection> {
    await this.open();
    return this.writer!;
  }

  /**
   * Runs `work` (statements on the write connection) with DuckDB on one thread, then gives it back its
   * ANALYTICS_THREADS. The setting is the instance's: a query running meanwhile has one thread too. A live batch
   * (thousands of events) cost about twice the CPU on two threads as on one, for no gain in time.
   */
  async onOneThread<T>(work: () => Promise<T>): Promise<T> {
    const threads = this.config.ANALYTICS_THREADS;
    if (threads === 1) return work();
    const connection = await this.writeConnection();
    await connection.run(`SET threads = 1`);
    try {
      return await work();
    } finally {
      await connection.run(`SET threads = ${threads}`);
    }
  }

  /**
   * A second connection that writes: a rebuild loads its next range's file on it while the writer codes the range
   * before (only into the staging database it attaches, never into the store's tables).
   */
  async stagingConnection(): Promise<DuckDBConnection> {
    await this.open();
    if (!this.stager) {
      this.stager = await this.instance!.connect();
      await this.stager.run(`SET TimeZone = 'UTC'`);
    }
    return this.stager;
  }

  /**
   * Rows of a read query, on a free read connection. Cancelled (DuckDB's interrupt) after
   * ANALYTICS_QUERY_TIMEOUT_MS and answered 503 with Retry-After: a query is never left running.
   */
  async query(sql: string, values: DuckDBValue[] = []): Promise<Record<string, unknown>[]> {
    await this.open();
    const connection = await this.acquire();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      connection.interrupt();
    }, this.config.ANALYTICS_QUERY_TIMEOUT_MS);
    const run = connection.runAndReadAll(sql, values);
    this.running.add(run);
    try {
      const reader = await run;
      return reader.getRowObjectsJS() as Record<string, unknown>[];
    } catch (error) {
      if (timedOut) throw queryTimeout();
      throw error;
    } finally {
      this.running.delete(run);
      clearTimeout(timer);
      this.release(connection);
    }
  }

  private acquire(): Promise<DuckDBConnection> {
    const connection = this.idle.pop();
    if (connection) return Promise.resolve(connection);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(connection: DuckDBConnection): void {
    if (!this.readers.includes(connection)) return;
    const next = this.waiting.shift();
    if (next) next(connection);
    else this.idle.push(connection);
  }

  /**
   * After every module's onModuleDestroy (the projection has stopped writing by then): running queries are
   * interrupted and awaited, then the file is closed.
   */
  async onApplicationShutdown(): Promise<void> {
    // Closing while the file is still being opened (an app closed right after boot) frees what DuckDB still uses.
    await this.opening?.catch(() => undefined);
    for (const connection of this.readers) connection.interrupt();
    await Promise.allSettled([...this.running]);
    this.close();
    if (this.imports !== null) rmSync(this.imports, { recursive: true, force: true });
  }

  private close(): void {
    for (const connection of [...this.readers, this.writer, this.stager]) connection?.closeSync();
    this.instance?.closeSync();
    this.readers = [];
    this.idle = [];
    this.writer = null;
    this.stager = null;
    this.instance = null;
  }
}

/** 503 `analytics_timeout`: a query cancelled after ANALYTICS_QUERY_TIMEOUT_MS. */
function queryTimeout(): AppException {
  return new AppException(
    HttpStatus.SERVICE_UNAVAILABLE,
    ErrorCode.analyticsTimeout,
    'The analytics query took too long and was cancelled: try a shorter range or fewer filters',
    {},
    { 'Retry-After': 5 },
  );
}
