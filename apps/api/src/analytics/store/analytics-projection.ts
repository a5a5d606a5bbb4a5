import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { HttpStatus, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import {
  BIGINT,
  BOOLEAN,
  DuckDBDataChunk,
  DuckDBTimestampTZValue,
  TIMESTAMPTZ,
  VARCHAR,
  type DuckDBConnection,
  type DuckDBValue,
} from '@duckdb/node-api';
import { AppConfig, AppException, ErrorCode, MetricsService } from '@app/common';
import { DIMENSIONS } from '../dimensions';
import { AnalyticsDatabase } from './analytics-database';
import { AnalyticsProjectionRepository, type ProjectedClick } from './analytics-projection.repository';

/** Events read from PostgreSQL per statement. */
const BATCH = 10_000;
/** Rows handed to the appender at once (DuckDB's vector size): the event loop gets a turn between chunks. */
const CHUNK = 2_048;
/**
 * How long a sequence number seen missing is looked for again. Numbers are taken at insert and commit later (a
 * batch in flight), or never (a rolled-back or skipped insert): a write transaction lasts well under this.
 */
const GAP_GRACE_MS = 60_000;
const MAX_GAPS = 100_000;
/** How often the oldest month held is checked against PostgreSQL (retention drops whole months). */
const RETENTION_CHECK_MS = 600_000;
const TYPES = [BIGINT, TIMESTAMPTZ, VARCHAR, VARCHAR, BOOLEAN, BOOLEAN, ...DIMENSIONS.map(() => VARCHAR)];

/**
 * Feeds this instance's analytics store from PostgreSQL's click_events, in sequence order, through DuckDB's
 * appender, every ANALYTICS_POLL_MS.
 * - Sequence numbers commit out of order: a number below the highest one held that is missing (`gaps`) is
 *   read again on each pass for GAP_GRACE_MS, then given up (it was rolled back or skipped). `low` (every
 *   number up to it is final) is stored with the rows it covers, in one DuckDB transaction: after a crash or a
 *   SIGKILL the projection resumes from what the file holds, and re-derives the gaps above `low`.
 * - A file created empty (missing, damaged, older schema) is rebuilt from the first event; until it has caught
 *   up once, analytics answer 503 `analytics_rebuilding` with Retry-After.
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
  private caughtUpAt: number | null = null;
  private lastRetentionCheck = 0;
  private started: Promise<void> | null = null;
  /** The pass running, and the one queued behind it (callers arriving meanwhile share it). */
  private current: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private lagTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private failing: string | null = null;
  /** The DuckDB write in progress (an append, or retention's delete). */
  private writing: Promise<void> | null = null;

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
    const fresh = await this.database.open();
    this.rebuilding = fresh;
    const connection = await this.database.writeConnection();
    const [state] = (
      await connection.runAndReadAll(`SELECT low, coalesce((SELECT max(seq) FROM clicks), 0) AS high FROM projection`)
    ).getRowObjectsJS() as { low: bigint; high: bigint }[];
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
      void this.pass()
        .catch(() => undefined)
        .finally(() => this.schedule(this.config.ANALYTICS_POLL_MS));
    }, delay);
    this.timer.unref();
  }

  /** A pass after the running one; concurrent callers share the queued pass. */
  private pass(): Promise<void> {
    if (this.queued) return this.queued;
    const next = this.current
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.run();
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

  /** Reads and appends until nothing is left, then applies retention when due. */
  private async run(): Promise<void> {
    if (this.stopped) return;
    const startedAt = Date.now();
    for (;;) {
      const retry = [...this.gaps.keys()];
      const [fresh, late] = await Promise.all([
        this.repository.after(this.high, BATCH),
        retry.length > 0 ? this.repository.some(retry) : Promise.resolve([]),
      ]);
      const now = Date.now();
      for (const row of late) this.gaps.delete(BigInt(row.seq));
      // A store rebuilt from nothing starts at the first event PostgreSQL still holds, not at 1.
      let previous = this.high === 0n && fresh.length > 0 ? BigInt(fresh[0].seq) - 1n : this.high;
      for (const row of fresh) {
        const seq = BigInt(row.seq);
        for (let missing = previous + 1n; missing < seq && this.gaps.size < MAX_GAPS; missing++)
          this.gaps.set(missing, now);
        previous = seq;
      }
      for (const [seq, since] of this.gaps) if (now - since > GAP_GRACE_MS) this.gaps.delete(seq);
      const high = previous;
      const low = this.gaps.size > 0 ? [...this.gaps.keys()].reduce((a, b) => (a < b ? a : b)) - 1n : high;
      if (this.stopped) return;
      if (fresh.length > 0 || late.length > 0) await this.write(() => this.append([...late, ...fresh], low));
      this.high = high;
      if (fresh.length < BATCH || this.stopped) break;
    }
    if (this.stopped) return;
    if (Date.now() - this.lastRetentionCheck >= RETENTION_CHECK_MS) {
      await this.applyRetention();
      this.lastRetentionCheck = Date.now();
    }
    this.caughtUpAt = startedAt;
    this.rebuilding = false;
    this.failing = null;
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

  /** Appends the rows and stores `low`, in one transaction. */
  private async append(rows: ProjectedClick[], low: bigint): Promise<void> {
    const connection = await this.database.writeConnection();
    await connection.run('BEGIN TRANSACTION');
    try {
      const appender = await connection.createAppender('clicks');
      const chunk = DuckDBDataChunk.create(TYPES, CHUNK);
      for (let start = 0; start < rows.length; start += CHUNK) {
        const part = rows.slice(start, start + CHUNK);
        chunk.rowCount = part.length;
        chunk.setColumns(columnsOf(part));
        appender.appendDataChunk(chunk);
        await yieldToEventLoop();
      }
      appender.flushSync();
      appender.closeSync();
      await connection.run(`UPDATE projection SET low = $1`, [low]);
      await connection.run('COMMIT');
    } catch (error) {
      await rollback(connection);
      throw error;
    }
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
        await connection.run(`DELETE FROM clicks WHERE time < $1::TIMESTAMPTZ`, [next.toISOString()]);
      });
    }
  }
}

function columnsOf(rows: ProjectedClick[]): DuckDBValue[][] {
  return [
    rows.map((row) => BigInt(row.seq)),
    rows.map((row) => new DuckDBTimestampTZValue(BigInt(row.micros))),
    rows.map((row) => row.workspace_id),
    rows.map((row) => row.link_id),
    rows.map((row) => row.is_bot),
    rows.map((row) => row.first_visit),
    ...DIMENSIONS.map((dimension) => rows.map((row) => row[dimension.name] as string | null)),
  ];
}

async function rollback(connection: DuckDBConnection): Promise<void> {
  await connection.run('ROLLBACK').catch(() => undefined);
}
