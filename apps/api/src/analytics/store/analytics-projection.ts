import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { HttpStatus, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import {
  BIGINT,
  BOOLEAN,
  DuckDBDataChunk,
  DuckDBTimestampValue,
  TIMESTAMP,
  VARCHAR,
  type DuckDBConnection,
  type DuckDBValue,
} from '@duckdb/node-api';
import { AppConfig, AppException, ErrorCode, lowerPoolThreadsPriority, MetricsService } from '@app/common';
import { DIMENSIONS, duckdbDimensionExpression, SOURCE_COLUMNS, type DimensionGroup } from '../dimensions';
import { AnalyticsDatabase, CLICK_TABLES, CODED_COLUMNS, DAILY_KEY, DAY } from './analytics-database';
import { AnalyticsProjectionRepository, SOURCE, type SourceClick } from './analytics-projection.repository';
import { FirstVisits } from './first-visits';

/** Sequence numbers copied from PostgreSQL per file (the next file is copied while DuckDB loads one). */
const RANGE = 500_000n;
/** Ranges copied (and, rebuilding, staged) ahead of the one appended. */
const COPIES_AHEAD = 2;
/** Rows handed to the appender at once (DuckDB's vector size): the event loop gets a turn between chunks. */
const CHUNK = 2_048;
/**
 * How long a sequence number seen missing is looked for again. Numbers are taken at insert and commit later (a
 * batch in flight), or never (a rolled-back or skipped insert): a write transaction lasts well under this.
 */
const GAP_GRACE_MS = 60_000;
const MAX_GAPS = 100_000;
/** Sequence numbers taken by inserts still running, at most (click batches in flight on every instance). */
const IN_FLIGHT = 10_000n;
/** How often the oldest month held is checked against PostgreSQL (retention drops whole months). */
const RETENTION_CHECK_MS = 600_000;
/** Partial-sum rows added to the pre-aggregates after which they are merged (the recent days' rows). */
const COMPACT_AFTER_ROWS = 50_000;
/**
 * New events a polling pass appends at once, at least, unless it found the first of them ANALYTICS_BATCH_WAIT_MS
 * ago: most of an append's DuckDB work is a fixed cost per pass (the pre-aggregates' statements), so a pass every
 * poll at a moderate rate cost more CPU than the redirects' own.
 */
const MIN_BATCH = 5_000n;

/** The staging table's columns: PostgreSQL's (SOURCE), time in UTC without zone. */
const SOURCE_TYPES = [BIGINT, TIMESTAMP, VARCHAR, VARCHAR, BOOLEAN, BIGINT, ...SOURCE_COLUMNS.map(() => VARCHAR)];
const SOURCE_TABLE = `CREATE TEMP TABLE IF NOT EXISTS source (seq BIGINT, time TIMESTAMP, workspace_id VARCHAR, link_id VARCHAR,
  is_bot BOOLEAN, visitor BIGINT, ${SOURCE_COLUMNS.map((column) => `"${column}" VARCHAR`).join(', ')})`;
const CSV_COLUMNS = `{${SOURCE.map((column, index) => `'${column}': '${SOURCE_TYPES[index].toString()}'`).join(', ')}}`;
/**
 * Events with their values as strings, from `from` (the staging table, or the CSV file read directly): the
 * registry's expressions over the source columns, '' as NULL; in sequence order, about time order.
 */
const derive = (from: string) => `SELECT seq, time::TIMESTAMPTZ AS time, workspace_id, link_id, is_bot, visitor,
  ${DIMENSIONS.map((dimension) => `nullif(${duckdbDimensionExpression(dimension.name as DimensionGroup)}, '') AS "${dimension.name}"`).join(', ')}
  FROM ${from}`;
const DIMENSION_COLUMNS = DIMENSIONS.map((dimension) => `"${dimension.name}"`).join(', ');
/** A batch's events as derived (strings), then as coded (the clicks' columns, before first visits are decided). */
const BATCH_TABLES = [
  `CREATE TEMP TABLE IF NOT EXISTS batch (seq BIGINT, time TIMESTAMPTZ, workspace_id VARCHAR, link_id VARCHAR,
     is_bot BOOLEAN, visitor BIGINT, ${DIMENSIONS.map((dimension) => `"${dimension.name}" VARCHAR`).join(', ')})`,
  `CREATE TEMP TABLE IF NOT EXISTS coded AS SELECT * FROM clicks LIMIT 0`,
];
/**
 * Inserts the distinct (dimension, value) pairs of `pairs` that the dictionary lacks, each numbered after the highest
 * code of its dimension.
 */
function numbered(pairs: string): string {
  return `INSERT INTO dictionary
  SELECT dimension, coalesce(top, 0) + row_number() OVER (PARTITION BY dimension ORDER BY value), value
    FROM (${pairs})
    ANTI JOIN dictionary USING (dimension, value)
    LEFT JOIN (SELECT dimension, max(code) AS top FROM dictionary GROUP BY dimension) USING (dimension)`;
}
/**
 * The batch's values the dictionary lacks: its (dimension, value) pairs in one distinct (a grouping set per column
 * cost ~10 ms each on a batch of ten events).
 */
const NEW_VALUES = numbered(`SELECT DISTINCT dimension, value
  FROM (UNPIVOT (SELECT ${CODED_COLUMNS.map(({ dimension, column }) => `${column} AS "${dimension}"`).join(', ')} FROM batch)
          ON ${CODED_COLUMNS.map(({ dimension }) => `"${dimension}"`).join(', ')} INTO NAME dimension VALUE value)`);
/**
 * The batch with its values as codes, first visits not decided: its (seq, dimension, value) rows joined once with
 * the dictionary and turned back into columns (a join per column cost ~6 times as much on a batch of ten events);
 * in sequence order again (joins interleave rows: a 10M rebuild's file grew by a fifth without it).
 */
const CODED = `SELECT batch.seq, batch.time, batch.workspace_id, ${CODED_COLUMNS.map(({ column }) => `codes.${column}`).join(', ')},
    batch.is_bot, batch.visitor
    FROM batch LEFT JOIN (
      SELECT seq, ${CODED_COLUMNS.map(({ dimension, column }) => `any_value(code) FILTER (WHERE dimension = '${dimension}') AS ${column}`).join(', ')}
        FROM (UNPIVOT (SELECT seq, ${CODED_COLUMNS.map(({ dimension, column }) => `${column} AS "${dimension}"`).join(', ')} FROM batch)
                ON ${CODED_COLUMNS.map(({ dimension }) => `"${dimension}"`).join(', ')} INTO NAME dimension VALUE value)
        JOIN dictionary USING (dimension, value)
       GROUP BY seq
    ) codes ON codes.seq = batch.seq
   ORDER BY batch.seq`;
/**
 * A rebuild's range (500,000 events) numbered a column at a time instead: a DISTINCT per column (the UNPIVOT form
 * above cost ~3 times as much on a range: its 9M (seq, dimension, value) rows).
 */
const newValuesByColumn = (from: string) =>
  numbered(
    CODED_COLUMNS.map(
      ({ dimension, column }) =>
        `SELECT '${dimension}' AS dimension, value FROM (SELECT DISTINCT ${column} AS value FROM ${from}) WHERE value IS NOT NULL`,
    ).join(' UNION ALL '),
  );
/**
 * Then coded by casts, not joins: each numbering as a temporary ENUM type of its values in code order (`numbered`
 * numbers a dimension's values 1, 2, … without gaps, so a value's code is its position + 1; a value missing from it
 * fails the cast). A projection keeps the rows' order (the file's: sequence order), where the joins interleaved
 * them and a sort put them back: 0.8–1.0 CPU-s a range instead of 1.1–1.6. Each human click is a first visit until
 * the end of the rebuild finds the repeats (REPEATS).
 */
const NUMBERING_TYPES = CODED_COLUMNS.map(
  ({ dimension }) =>
    `CREATE OR REPLACE TEMP TYPE "codes_${dimension}" AS ENUM (SELECT value FROM dictionary WHERE dimension = '${dimension}' ORDER BY code)`,
);
/** Dimensions whose codes are not 1 to n (none, as `numbered` numbers them). */
const GAPPED_NUMBERINGS = `SELECT dimension FROM dictionary GROUP BY dimension HAVING max(code) <> count(*) OR min(code) <> 1`;
const codedByCast = (
  from: string,
) => `SELECT seq, time, workspace_id, enum_code(link_id::"codes_link")::INTEGER + 1 AS link_id,
    is_bot, NOT is_bot AS first_visit, visitor,
    ${CODED_COLUMNS.slice(1)
      .map(({ dimension, column }) => `enum_code(${column}::"codes_${dimension}")::INTEGER + 1 AS ${column}`)
      .join(', ')}
    FROM ${from}`;
/**
 * Where a rebuild loads its ranges' files, a table per range (`staging."<after>"`), on a connection of its own: the
 * next range is loaded while the writer codes the one before, each on one DuckDB thread (a second thread on a
 * statement cost about a third more CPU). In memory, attached to the instance: every connection sees it.
 */
const STAGING = `ATTACH IF NOT EXISTS ':memory:' AS staging`;
/** The CSV file of a copied range (its dialect is known: no sniffing, which also fails on an empty file). */
const csvFile = (file: string) =>
  `read_csv(${quote(file)}, auto_detect = false, header = false, delim = ',', quote = '"', escape = '"',
            allow_quoted_nulls = false, columns = ${CSV_COLUMNS})`;
/** UTC hour number of an event, as DAY is its day's. */
const HOUR = 'epoch_us(time) // 3600000000';
/**
 * The batch as the clicks table holds it (`coded`), its first visits not flagged yet (FirstVisits decides them).
 * A click committed late (a sequence-number gap filled) still counts its visitor once a day; it may take the flag
 * from an earlier click, which moves a unique visitor between hours of a day, never between days.
 */
const CODED_BATCH = `INSERT INTO coded
  SELECT seq, time, workspace_id, link_id, is_bot, false AS first_visit, visitor, ${DIMENSION_COLUMNS}
    FROM (${CODED}) ORDER BY seq`;
/**
 * A rebuild's repeats: each (link, UTC day, visitor) with more than one human click, and its first click's sequence
 * number, found REPEAT_WINDOW_DAYS of clicks at a time (days $1 to $2, read through the zone maps of their time). At
 * 10M events grouping every click at once cost 9–11 CPU-s (a hash table of ~10M visits), four days at a time ~3.5.
 */
const REPEAT_WINDOW_DAYS = 4n;
const REPEATS_TABLE = `CREATE OR REPLACE TEMP TABLE repeats (link_id INTEGER, day BIGINT, visitor BIGINT, first BIGINT)`;
const REPEATS = `INSERT INTO repeats
  SELECT link_id, ${DAY}, visitor, min(seq) FROM clicks
   WHERE NOT is_bot AND time >= to_timestamp($1::BIGINT * 86400) AND time < to_timestamp($2::BIGINT * 86400)
   GROUP BY ALL HAVING count(*) > 1`;
/** The later clicks of each repeat: not first visits (a few thousand rows updated, not every first visit). */
const NOT_FIRST = `UPDATE clicks SET first_visit = false FROM repeats
  WHERE NOT clicks.is_bot AND clicks.link_id = repeats.link_id AND ${DAY.replace('time', 'clicks.time')} = repeats.day
    AND clicks.visitor = repeats.visitor AND clicks.seq > repeats.first`;
/**
 * The pre-aggregates' partial sums of the clicks of `from` (see the schema): the batch's, or every click's once a
 * rebuild has caught up. The dimension values are counted as (dimension, value) rows: over every click, in one pass
 * with a grouping set per dimension; over a batch, unpivoted first (a grouping set costs ~10 ms even on ten events).
 */
const aggregates = (from: 'coded' | 'clicks') => [
  `INSERT INTO hourly SELECT workspace_id, to_timestamp(hour * 3600), is_bot, clicks, first_visits
     FROM (SELECT workspace_id, ${HOUR} AS hour, is_bot, count(*) AS clicks, count(*) FILTER (WHERE first_visit) AS first_visits
             FROM ${from} GROUP BY ALL)`,
  `INSERT INTO daily_links SELECT workspace_id, to_timestamp(day * 86400), link_id, "${DAILY_KEY}", is_bot, clicks, first_visits
     FROM (SELECT workspace_id, ${DAY} AS day, link_id, "${DAILY_KEY}", is_bot, count(*) AS clicks, count(*) FILTER (WHERE first_visit) AS first_visits
             FROM ${from} GROUP BY ALL)`,
  // DAILY_KEY is a key of these sums as well as one of the dimensions counted (`via`: kept out of the unpivot). Over
  // every click the workspace is grouped by as a number (`workspaces`), not its id: 17 grouping sets hash each click's
  // keys, and integer keys cost ~15% less CPU at 10M clicks.
  from === 'clicks'
    ? `INSERT INTO daily_values
       WITH workspaces AS (SELECT workspace_id, row_number() OVER ()::INTEGER AS workspace FROM (SELECT DISTINCT workspace_id FROM clicks))
       SELECT workspace_id, to_timestamp(day * 86400), via, dimension, value, is_bot, clicks, first_visits
         FROM (UNPIVOT (SELECT workspace, day, via, is_bot, ${DIMENSION_COLUMNS}, count(*) AS clicks, count(*) FILTER (WHERE first_visit) AS first_visits
                          FROM (SELECT workspace, (${DAY})::INTEGER AS day, "${DAILY_KEY}" AS via, is_bot, first_visit, ${DIMENSION_COLUMNS}
                                  FROM clicks JOIN workspaces USING (workspace_id))
                         GROUP BY GROUPING SETS (${DIMENSIONS.map((dimension) => `(workspace, day, via, is_bot, "${dimension.name}")`).join(', ')}))
               ON ${DIMENSION_COLUMNS} INTO NAME dimension VALUE value)
         JOIN workspaces USING (workspace)`
    : `INSERT INTO daily_values SELECT workspace_id, to_timestamp(day * 86400), via, dimension, value, is_bot, count(*), count(*) FILTER (WHERE first_visit)
         FROM (UNPIVOT (SELECT workspace_id, ${DAY} AS day, "${DAILY_KEY}" AS via, is_bot, first_visit, ${DIMENSION_COLUMNS} FROM coded)
                 ON ${DIMENSION_COLUMNS} INTO NAME dimension VALUE value)
        GROUP BY ALL`,
];
/** Key columns of each pre-aggregate, in the table's order (merged rows sum their partial sums). */
const AGGREGATE_KEYS = {
  hourly: 'workspace_id, hour, is_bot',
  daily_links: `workspace_id, day, link_id, "${DAILY_KEY}", is_bot`,
  daily_values: `workspace_id, day, "${DAILY_KEY}", dimension, value, is_bot`,
} as const;

/** What one DuckDB transaction appends: late events as rows and/or a CSV file, covering sequence numbers (after, upTo]. */
interface Part {
  rows: SourceClick[];
  file: string | null;
  /** The staging table the file was loaded into (a rebuild's range). */
  staged: string | null;
  after: bigint;
  upTo: bigint;
}

/**
 * Feeds this instance's analytics store from PostgreSQL's click_events, in sequence order, every
 * ANALYTICS_POLL_MS: ranges of RANGE sequence numbers copied as CSV files that DuckDB loads (about ten times
 * faster than rows through the driver, and the next range is copied while DuckDB loads one), from a PostgreSQL
 * server or the embedded PGlite alike; late events (gaps filled) come as rows, through DuckDB's appender. Each
 * batch is staged in a temporary table, its new values added to the dictionary, then appended to the clicks as
 * codes in time order, with its pre-aggregate sums, in one transaction (a rebuild without the sums, see below).
 * - Sequence numbers commit out of order: a number below the highest one held that is missing (`gaps`) is
 *   read again on each pass for GAP_GRACE_MS, then given up (it was rolled back or skipped). `low` (every
 *   number up to it is final) is stored with the rows it covers, in one DuckDB transaction: after a crash or a
 *   SIGKILL the projection resumes from what the file holds, and re-derives the gaps above `low`.
 * - A file created empty (missing, damaged, older schema) is rebuilt from the first event; until it has caught
 *   up once, analytics answer 503 `analytics_rebuilding` with Retry-After. Its first visits are decided and its
 *   pre-aggregates summed then, over every click at once (not range by range); a restart before that resumes the
 *   rebuild.
 * - Retention: a month PostgreSQL no longer holds any click of (its partition dropped) is deleted here too.
 * - `linktrace_analytics_lag_seconds`: time since the start of the last pass that found nothing left to read.
 */
@Injectable()
export class AnalyticsProjection implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AnalyticsProjection.name);
  /** Highest sequence number held. */
  private high = 0n;
  /** Sequence numbers below `high` not held yet, with when they were first seen missing. */
  private readonly gaps = new Map<bigint, number>();
  private rebuilding = true;
  /** Whether DuckDB's threads run below the event loop's priority (once caught up). */
  private yielding = false;
  private caughtUpAt: number | null = null;
  private lastRetentionCheck = 0;
  private started: Promise<void> | null = null;
  /** The pass running, and the one queued behind it (callers arriving meanwhile share it). */
  private current: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;
  /** Whether the queued pass may leave a small batch for later (only polling passes: catchUp() never waits). */
  private queuedMayWait = false;
  /** When a polling pass first left new events for a later one (fewer than MIN_BATCH). */
  private waitingSince: number | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lagTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private failing: string | null = null;
  /** The DuckDB write in progress (an append, or retention's delete). */
  private writing: Promise<void> | null = null;
  /** A rebuild's range being loaded into a staging table (see stageFile). */
  private loading: Promise<unknown> | null = null;
  /** Partial-sum rows added to the pre-aggregates since they were last merged, and their earliest time. */
  private unmergedRows = 0;
  private unmergedSince: Date | null = null;
  /** The write connection the staging tables were created on. */
  private stagedOn: DuckDBConnection | null = null;
  /** The days' visitors held to decide a live batch's first visits. */
  private readonly firstVisits = new FirstVisits();

  constructor(
    private readonly database: AnalyticsDatabase,
    private readonly repository: AnalyticsProjectionRepository,
    private readonly config: AppConfig,
    private readonly metrics: MetricsService,
  ) {}

  onApplicationBootstrap(): void {
    void this.start().catch((error) => this.fail(error));
    this.lagTimer = setInterval(() => this.metrics.analyticsLag.set(this.lagSeconds()), 1_000);
    this.lagTimer.unref();
  }

  /**
   * Stops polling, and waits for a DuckDB write in progress (the database closes after this, in
   * onApplicationShutdown). A pass waiting on PostgreSQL (down, say) is not waited for: it stops before writing.
   */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.lagTimer) clearInterval(this.lagTimer);
    // Loading reads DuckDB on the writer connection (never PostgreSQL): it must end before the file closes.
    await this.started?.catch(() => undefined);
    await this.writing?.catch(() => undefined);
    await this.loading;
  }

  /** Seconds the store may trail PostgreSQL by: since the start of the last pass that caught up. */
  lagSeconds(): number {
    return this.caughtUpAt === null ? Number.POSITIVE_INFINITY : (Date.now() - this.caughtUpAt) / 1000;
  }

  /** The projection's state for readiness: following PostgreSQL, rebuilding a new store, or failing passes. */
  state(): 'ok' | 'rebuilding' | 'failing' {
    if (this.failing !== null) return 'failing';
    return this.rebuilding ? 'rebuilding' : 'ok';
  }

  /**
   * Resolves once every click committed before the call is held (one more pass after any running one), and
   * with `retention`, months PostgreSQL dropped deleted. Tests and read-after-write answers wait on it; it never
   * sleeps.
   */
  async catchUp(options: { retention?: boolean } = {}): Promise<void> {
    await this.start();
    if (options.retention) this.lastRetentionCheck = 0;
    await this.pass();
  }

  /** Throws 503 `analytics_rebuilding` while a store created empty has not caught up yet. */
  async assertReady(): Promise<void> {
    if (this.config.ANALYTICS_READ_AFTER_WRITE) await this.catchUp();
    else await this.start();
    if (this.rebuilding)
      throw new AppException(
        HttpStatus.SERVICE_UNAVAILABLE,
        ErrorCode.analyticsRebuilding,
        'Analytics are being rebuilt from the stored clicks on this server: try again shortly',
        {},
        { 'Retry-After': 5 },
      );
  }

  private start(): Promise<void> {
    this.started ??= this.load().then(() => this.schedule(0));
    return this.started;
  }

  /** Opens the file and derives where to resume: `high`, and the gaps above the stored `low`. */
  private async load(): Promise<void> {
    await this.database.open();
    const connection = await this.database.writeConnection();
    // A rebuild stopped midway (a restart) resumes where its file stands, still rebuilding.
    const [state] = (
      await connection.runAndReadAll(
        `SELECT low, coalesce((SELECT max(seq) FROM clicks), 0) AS high, rebuilding FROM projection`,
      )
    ).getRowObjectsJS() as { low: bigint; high: bigint; rebuilding: boolean }[];
    this.rebuilding = state.rebuilding;
    this.high = state.high > state.low ? state.high : state.low;
    const missing = await connection.runAndReadAll(
      `SELECT range AS seq FROM range($1::BIGINT + 1, $2::BIGINT + 1)
        WHERE range NOT IN (SELECT seq FROM clicks WHERE seq > $1::BIGINT) LIMIT ${MAX_GAPS}`,
      [state.low, this.high],
    );
    const now = Date.now();
    for (const row of missing.getRowObjectsJS()) this.gaps.set(row.seq as bigint, now);
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      // A failed pass is logged and reported (state()); the next one retries.
      void this.pass({ mayWait: true })
        .catch(() => undefined)
        .finally(() => this.schedule(this.config.ANALYTICS_POLL_MS));
    }, delay);
    this.timer.unref();
  }

  /**
   * A pass after the running one; concurrent callers share the queued pass, which appends whatever it finds if
   * any of them asks so (`mayWait` false).
   */
  private pass({ mayWait = false } = {}): Promise<void> {
    if (this.queued) {
      this.queuedMayWait &&= mayWait;
      return this.queued;
    }
    this.queuedMayWait = mayWait;
    const next = this.current
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.run(this.queuedMayWait);
      });
    this.queued = next;
    this.current = next;
    return next.catch((error) => {
      this.fail(error);
      throw error;
    });
  }

  private fail(error: unknown): void {
    this.failing = (error as Error).message;
    this.logger.error(`Analytics projection failed: ${this.failing}`);
  }

  /**
   * Reads and appends until nothing is left, then merges partial sums and applies retention when due; with
   * `mayWait`, leaves fewer than MIN_BATCH new events for a later pass until ANALYTICS_BATCH_WAIT_MS after it first
   * found them.
   */
  private async run(mayWait: boolean): Promise<void> {
    if (this.stopped) return;
    const startedAt = Date.now();
    const bounds = await this.repository.bounds(this.high);
    if (mayWait && this.waitsForMore(bounds.last, startedAt)) return;
    this.waitingSince = null;
    const retry = [...this.gaps.keys()];
    const late = retry.length > 0 ? await this.repository.some(retry) : [];
    await this.copyAll(late, bounds);
    if (this.stopped) return;
    if (this.rebuilding) await this.aggregateAll();
    const due = Date.now() - this.lastRetentionCheck >= RETENTION_CHECK_MS;
    if (due || this.unmergedRows >= COMPACT_AFTER_ROWS) await this.merge();
    if (due) {
      await this.applyRetention();
      this.lastRetentionCheck = Date.now();
    }
    this.caughtUpAt = startedAt;
    // A store rebuilt from nothing catches up at full speed (analytics answer 503 meanwhile); from then on DuckDB's
    // threads give the cores to the redirects first.
    if (!this.yielding) {
      lowerPoolThreadsPriority();
      this.yielding = true;
    }
    this.rebuilding = false;
    this.failing = null;
  }

  /** Whether to leave the new events up to `last` for a later pass (see run). */
  private waitsForMore(last: bigint | null, now: number): boolean {
    const waiting = last !== null && last > this.high ? last - this.high : 0n;
    if (this.rebuilding || waiting === 0n || waiting >= MIN_BATCH) return false;
    this.waitingSince ??= now;
    return now - this.waitingSince < this.config.ANALYTICS_BATCH_WAIT_MS;
  }

  /**
   * The sequence numbers up to the highest one PostgreSQL held (`bounds`, read at the start of the pass), RANGE at
   * a time, each range copied to a CSV file while DuckDB loads the one before; a rebuild also loads the next file
   * into a staging table (STAGING) while the writer codes the range before.
   */
  private async copyAll(
    late: SourceClick[],
    { first, last }: { first: bigint | null; last: bigint | null },
  ): Promise<void> {
    const start = this.high === 0n && first !== null ? this.startBelow(first) : this.high;
    if (last === null || last <= start) {
      if (late.length > 0 && !this.stopped)
        await this.write(() =>
          this.append({ rows: late, file: null, staged: null, after: this.high, upTo: this.high }),
        );
      return;
    }
    const rebuilding = this.rebuilding;
    const upToOf = (after: bigint) => (after + RANGE < last ? after + RANGE : last);
    // A rebuild stages its ranges one after the other on the staging connection, each once its file is copied.
    let staged: Promise<unknown> = Promise.resolve();
    const copy = (after: bigint) => {
      const upTo = upToOf(after);
      const file = join(this.database.importDir, `${after}.csv`);
      const written = this.repository
        .copyRange(after, upTo, file)
        .then((): Part => ({ rows: [], file, staged: null, after, upTo }));
      const copied = (
        rebuilding
          ? (staged = Promise.all([written, staged.catch(() => undefined)]).then(([part]) => this.stageFile(part)))
          : written
      ).catch((error: unknown) => {
        rmSync(file, { force: true });
        throw error;
      }) as Promise<Part>;
      // Awaited below; a copy still running when the projection stops is dropped without an unhandled rejection.
      copied.catch(() => undefined);
      return copied;
    };
    const appendAll = async () => {
      // Ranges copied ahead of the one appended: PostgreSQL's COPY, DuckDB's staging and its coding of three ranges
      // overlap, so that one of them finishing early leaves no core idle (one ahead left a core idle ~20% of a rebuild).
      const ahead: Promise<Part>[] = [];
      let after = start;
      const copyAhead = () => {
        for (; ahead.length < COPIES_AHEAD && after < last && !this.stopped; after = upToOf(after))
          ahead.push(copy(after));
      };
      copyAhead();
      try {
        while (ahead.length > 0) {
          const part: Part = await ahead.shift()!;
          copyAhead();
          try {
            if (this.stopped) return;
            await this.write(() => this.append({ ...part, rows: late }));
            late = [];
          } finally {
            await this.discard(part);
          }
        }
      } finally {
        // The ranges copied ahead of a pass that failed or stopped.
        for (const next of ahead) void next.then((part) => this.discard(part)).catch(() => undefined);
      }
    };
    // A rebuild's two statements at a time (staging and coding) take a core each.
    await (rebuilding ? this.database.onOneThread(appendAll) : appendAll());
  }

  /** A part's file, and its staging table, once appended (or given up). */
  private async discard(part: Part): Promise<void> {
    rmSync(part.file!, { force: true });
    if (part.staged && !this.stopped)
      await (await this.database.writeConnection()).run(`DROP TABLE IF EXISTS ${part.staged}`);
  }

  /** Loads a rebuild's range file into a staging table (its events as derived), on the staging connection. */
  private stageFile(part: Part): Promise<Part> {
    if (this.stopped) return Promise.resolve(part);
    const table = `staging."${part.after}"`;
    const loading = this.database.stagingConnection().then(async (connection) => {
      await connection.run(STAGING);
      await connection.run(`CREATE OR REPLACE TABLE ${table} AS ${derive(csvFile(part.file!))}`);
      return { ...part, staged: table };
    });
    this.loading = loading.catch(() => undefined);
    return loading;
  }

  /**
   * Where a store rebuilt from nothing starts: at the first event PostgreSQL holds now, not at 1 (retention
   * dropped what came before). The IN_FLIGHT numbers just below it may belong to inserts not committed yet: they
   * are looked for like any gap.
   */
  private startBelow(first: bigint): bigint {
    const now = Date.now();
    for (let seq = first - 1n; seq > 0n && seq >= first - IN_FLIGHT; seq--) this.gaps.set(seq, now);
    return first - 1n;
  }

  /** Runs a DuckDB write, remembered so that shutdown waits for it. */
  private async write(work: () => Promise<void>): Promise<void> {
    this.writing = work();
    try {
      await this.writing;
    } finally {
      this.writing = null;
    }
  }

  /**
   * Appends a part's events (staged, their new values numbered, then as codes in time order) with their
   * pre-aggregate sums, and stores `low`, in one transaction; `high` and the gaps change only once it has committed.
   */
  private append(part: Part): Promise<void> {
    // A rebuild's ranges are on one thread already (copyAll); a live batch is cheaper on one.
    return this.rebuilding ? this.appendPart(part) : this.database.onOneThread(() => this.appendPart(part));
  }

  private async appendPart(part: Part): Promise<void> {
    const connection = await this.database.writeConnection();
    // Temporary tables live as long as their connection: created once on each, not every append (~4 ms).
    if (this.stagedOn !== connection) {
      for (const statement of [SOURCE_TABLE, ...BATCH_TABLES]) await connection.run(statement);
      this.stagedOn = connection;
    }
    await connection.run('BEGIN TRANSACTION');
    let decided: () => Promise<void> = async () => undefined;
    try {
      if (part.rows.length > 0) await this.stage(connection, part.rows);
      // The file is read once, after the late rows staged (unless a rebuild loaded it already).
      const csv = csvFile(part.file ?? '');
      const events =
        part.file === null || part.staged
          ? derive('source')
          : part.rows.length === 0
            ? derive(csv)
            : `${derive('source')} UNION ALL ${derive(csv)}`;
      if (part.rows.length > 0 || !part.staged) await connection.run(`INSERT INTO batch ${events}`);
      const batch = part.staged ? `(SELECT * FROM batch UNION ALL SELECT * FROM ${part.staged})` : 'batch';
      // A rebuild appends the coded events straight to the clicks, and decides first visits once, over every click,
      // when it has caught up (aggregateAll).
      if (this.rebuilding) {
        await connection.run(newValuesByColumn(batch));
        // The casts read a code from its value's position: a numbering with a gap would shift codes, so it stops here.
        const gapped = (await connection.runAndReadAll(GAPPED_NUMBERINGS)).getRowObjectsJS();
        if (gapped.length > 0)
          throw new Error(`Analytics dictionary numbered with gaps: ${gapped.map((row) => row.dimension).join(', ')}`);
        for (const statement of NUMBERING_TYPES) await connection.run(statement);
        // Late rows come before the file's in the union, not necessarily each in order.
        await connection.run(`INSERT INTO clicks ${codedByCast(batch)}${part.rows.length > 0 ? ' ORDER BY seq' : ''}`);
      } else {
        await connection.run(NEW_VALUES);
        await connection.run(CODED_BATCH);
        decided = await this.firstVisits.decide(connection);
      }
      const gaps = new Map(this.gaps);
      for (const row of part.rows) gaps.delete(BigInt(row.seq));
      const now = Date.now();
      for (const [seq, since] of gaps) if (now - since > GAP_GRACE_MS) gaps.delete(seq);
      for (const seq of await this.missing(connection, part, batch, MAX_GAPS - gaps.size)) gaps.set(seq, now);
      const low = gaps.size > 0 ? [...gaps.keys()].reduce((a, b) => (a < b ? a : b)) - 1n : part.upTo;
      let added = 0;
      let since: Date | null = null;
      // A rebuild sums every click once, when it has caught up (aggregateAll), not a range at a time.
      if (!this.rebuilding) {
        await connection.run(`INSERT INTO clicks SELECT * FROM coded`);
        for (const statement of aggregates('coded')) added += Number((await connection.run(statement)).rowsChanged);
        since = (await connection.runAndReadAll(`SELECT min(time) AS since FROM coded`)).getRowObjectsJS()[0]
          .since as Date | null;
      }
      await connection.run(`UPDATE projection SET low = $1`, [low]);
      // Emptied before the commit, not at the next pass: DuckDB holds a staged batch's memory (40–130 MB) until then.
      for (const table of [...(part.rows.length > 0 ? ['source'] : []), 'batch', ...(this.rebuilding ? [] : ['coded'])])
        await connection.run(`DELETE FROM ${table}`);
      await connection.run('COMMIT');
      await decided();
      this.gaps.clear();
      for (const [seq, since] of gaps) this.gaps.set(seq, since);
      if (part.upTo > this.high) this.high = part.upTo;
      this.unmergedRows += added;
      if (since && (!this.unmergedSince || since < this.unmergedSince)) this.unmergedSince = since;
    } catch (error) {
      await rollback(connection);
      throw error;
    }
  }

  /**
   * Ends a rebuild: the first visits of every click held (each visitor's first human click on a link and UTC day,
   * by sequence number, as a batch decides them: the later clicks of a repeat lose the flag their range gave them)
   * and the pre-aggregates' sums, in one transaction with the flag, so
   * that a restart before it rebuilds on (the clicks are kept) and decides and sums once.
   */
  private async aggregateAll(): Promise<void> {
    const connection = await this.database.writeConnection();
    await this.write(async () => {
      await connection.run('BEGIN TRANSACTION');
      try {
        await connection.run(REPEATS_TABLE);
        const [{ first, last }] = (
          await connection.runAndReadAll(`SELECT min(${DAY}) AS first, max(${DAY}) AS last FROM clicks`)
        ).getRowObjectsJS() as { first: bigint | null; last: bigint | null }[];
        for (let day = first; day !== null && last !== null && day <= last; day += REPEAT_WINDOW_DAYS)
          await connection.run(REPEATS, [day, day + REPEAT_WINDOW_DAYS]);
        await connection.run(NOT_FIRST);
        await connection.run(`DROP TABLE repeats`);
        for (const table of Object.keys(AGGREGATE_KEYS)) await connection.run(`DELETE FROM ${table}`);
        for (const statement of aggregates('clicks')) await connection.run(statement);
        await connection.run(`UPDATE projection SET rebuilding = false`);
        await connection.run('COMMIT');
      } catch (error) {
        await rollback(connection);
        throw error;
      }
    });
  }

  /** Rows into the staging table through the appender, a chunk at a time. */
  private async stage(connection: DuckDBConnection, rows: SourceClick[]): Promise<void> {
    const appender = await connection.createAppender('source', 'main', 'temp');
    const chunk = DuckDBDataChunk.create(SOURCE_TYPES, CHUNK);
    for (let start = 0; start < rows.length; start += CHUNK) {
      const part = rows.slice(start, start + CHUNK);
      chunk.rowCount = part.length;
      chunk.setColumns(columnsOf(part));
      appender.appendDataChunk(chunk);
      await yieldToEventLoop();
    }
    appender.flushSync();
    appender.closeSync();
  }

  /** Sequence numbers of (after, upTo] not in the batch (up to `limit` of them, lowest first). */
  private async missing(connection: DuckDBConnection, part: Part, batch: string, limit: number): Promise<bigint[]> {
    if (part.upTo <= part.after || limit <= 0) return [];
    // Most ranges are whole (the copied file or the rows held every number): counted, not searched.
    const [{ held }] = (
      await connection.runAndReadAll(`SELECT count(*) AS held FROM ${batch} WHERE seq > $1 AND seq <= $2`, [
        part.after,
        part.upTo,
      ])
    ).getRowObjectsJS() as { held: bigint }[];
    if (held === part.upTo - part.after) return [];
    const rows = await connection.runAndReadAll(
      `SELECT range AS seq FROM range($1::BIGINT + 1, $2::BIGINT + 1)
        WHERE range NOT IN (SELECT seq FROM ${batch} WHERE seq > $1 AND seq <= $2) ORDER BY range LIMIT ${limit}`,
      [part.after, part.upTo],
    );
    return rows.getRowObjectsJS().map((row) => row.seq as bigint);
  }

  /**
   * Merges the pre-aggregates' partial sums from the earliest day appended to since the last merge (after
   * COMPACT_AFTER_ROWS of them, and with each retention check).
   */
  private async merge(): Promise<void> {
    const since = this.unmergedSince;
    if (since === null) return;
    const connection = await this.database.writeConnection();
    for (const [table, keys] of Object.entries(AGGREGATE_KEYS)) {
      if (this.stopped) return;
      const column = CLICK_TABLES[table as keyof typeof CLICK_TABLES];
      const day = new Date(Math.floor(since.getTime() / 86_400_000) * 86_400_000).toISOString();
      await this.write(async () => {
        await connection.run('BEGIN TRANSACTION');
        try {
          await connection.run(
            `CREATE OR REPLACE TEMP TABLE merged AS SELECT ${keys}, sum(clicks)::INTEGER, sum(first_visits)::INTEGER
               FROM ${table} WHERE ${column} >= $1::TIMESTAMPTZ GROUP BY ALL`,
            [day],
          );
          await connection.run(`DELETE FROM ${table} WHERE ${column} >= $1::TIMESTAMPTZ`, [day]);
          await connection.run(`INSERT INTO ${table} SELECT * FROM merged`);
          await connection.run('COMMIT');
        } catch (error) {
          await rollback(connection);
          throw error;
        }
      });
    }
    this.unmergedRows = 0;
    this.unmergedSince = null;
  }

  /** Deletes the oldest months PostgreSQL no longer holds any click of. */
  private async applyRetention(): Promise<void> {
    for (;;) {
      const [row] = await this.database.query(`SELECT date_trunc('month', min(time)) AS month FROM clicks`);
      const month = row?.month as Date | null;
      if (!month) return;
      const next = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1));
      if (this.stopped || (await this.repository.anyBetween(month, next))) return;
      const connection = await this.database.writeConnection();
      await this.write(async () => {
        await connection.run('BEGIN TRANSACTION');
        try {
          for (const [table, column] of Object.entries(CLICK_TABLES))
            await connection.run(`DELETE FROM ${table} WHERE ${column} < $1::TIMESTAMPTZ`, [next.toISOString()]);
          await connection.run('COMMIT');
        } catch (error) {
          await rollback(connection);
          throw error;
        }
      });
    }
  }
}

function columnsOf(rows: SourceClick[]): DuckDBValue[][] {
  return [
    rows.map((row) => BigInt(row.seq)),
    rows.map((row) => new DuckDBTimestampValue(BigInt(row.micros as string))),
    rows.map((row) => row.workspace_id),
    rows.map((row) => row.link_id),
    rows.map((row) => row.is_bot),
    rows.map((row) => BigInt(row.visitor)),
    ...SOURCE_COLUMNS.map((column) => rows.map((row) => row[column] as string | null)),
  ];
}

/** A string literal of DuckDB SQL. */
function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

async function rollback(connection: DuckDBConnection): Promise<void> {
  await connection.run('ROLLBACK').catch(() => undefined);
}
