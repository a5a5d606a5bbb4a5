/**
 * First visits of a live append as its UTC day fills: `npm run bench:first-visits` (DuckDB only, no PostgreSQL).
 *
 * A store in a temporary ANALYTICS_DIR holds, at each size of BENCH_SIZES (default `10000,1000000,3000000`; add
 * 10000000 for the 10M row, ~1 GB of disk), that many clicks of one UTC day over 10,000 links, half of them first
 * visits. Then BENCH_APPENDS (3) live appends of BENCH_BATCH (5,000) events of the same day go through the
 * projection's own path (a CSV file, `append` on one DuckDB thread), half of their visitors seen that day already,
 * first visits decided in alternating blocks:
 * - `scan`: the first visits held of the batch's day and links read from the clicks (the code before);
 * - `held`: the day's first visits held in memory (FirstVisits); the first append of each block starts from an
 *   empty FirstVisits, so it loads the day (printed apart, as after a restart), the others are timed.
 * Printed per size and kind: CPU ms per append of the whole process (DuckDB's threads included), median and range,
 * and the held set's pairs and bytes. BENCH_ROUNDS (2) blocks of each kind, scan first.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig, MetricsService } from '@app/common';
import { SOURCE_COLUMNS } from '../../apps/api/src/analytics/dimensions';
import { AnalyticsDatabase } from '../../apps/api/src/analytics/store/analytics-database';
import { AnalyticsProjection } from '../../apps/api/src/analytics/store/analytics-projection';
import type { AnalyticsProjectionRepository } from '../../apps/api/src/analytics/store/analytics-projection.repository';
import { FirstVisits } from '../../apps/api/src/analytics/store/first-visits';

const SIZES = (process.env.BENCH_SIZES ?? '10000,1000000,3000000').split(',').map(Number);
const APPENDS = Number(process.env.BENCH_APPENDS ?? 3);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const BATCH = Number(process.env.BENCH_BATCH ?? 5_000);
const LINKS = 10_000;
/** The day's clicks start at its midnight, 6 ms apart (10M fill 16.7 hours); the batches come after 17:00. */
const DAY = Date.UTC(2026, 5, 1);
const BATCH_START_MS = DAY + 17 * 3_600_000;
/** Where the batches' sequence numbers start (the held clicks' are below it). */
const BATCHES_AFTER = 1_000_000_000_000;
/** A visitor of pair `k` (its link: 1 + k % LINKS), as a signed 64-bit number. */
const visitor = (k: string) => `((hash(${k}) % 9223372036854775807)::BIGINT - 4611686018427387904)`;

type Kind = 'scan' | 'held';

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'linktrace-first-visits-'));
  const config = Object.assign(new AppConfig(), { ANALYTICS_DIR: dir, DATA_DIR: dir });
  const database = new AnalyticsDatabase(config);
  try {
    await database.open();
    const writer = await database.writeConnection();
    await writer.run(`INSERT INTO dictionary SELECT 'link', i, 'lnk_' || i FROM range(1, ${LINKS + 1}) t(i)`);
    await writer.run(`UPDATE projection SET rebuilding = false, low = ${BATCHES_AFTER}`);
    let held = 0;
    /** Clicks of the day up to `size`: pair i // 2, the even one its first visit. */
    const fill = async (size: number) => {
      await writer.run(
        `INSERT INTO clicks (seq, time, workspace_id, link_id, is_bot, first_visit, visitor)
         SELECT i + 1, to_timestamp(${DAY / 1000} + i * 0.006), 'ws', 1 + (i // 2) % ${LINKS}, false, i % 2 = 0,
                ${visitor('i // 2')}
           FROM range(${held}, ${size}) t(i)`,
      );
      await writer.run('CHECKPOINT');
      held = size;
    };
    // BENCH_STATEMENTS=1: CPU of each statement of the appends, summed by its first 60 characters (printed at the end).
    const statements = new Map<string, number>();
    if (process.env.BENCH_STATEMENTS === '1')
      for (const method of ['run', 'runAndReadAll', 'stream'] as const) {
        const original = writer[method].bind(writer) as (...args: unknown[]) => Promise<unknown>;
        (writer as unknown as Record<string, unknown>)[method] = async (sql: string, ...rest: unknown[]) => {
          const start = process.cpuUsage();
          try {
            return await original(sql, ...rest);
          } finally {
            const used = process.cpuUsage(start);
            const key = `${kindNow} ${sql.replace(/\s+/g, ' ').slice(0, 60)}`;
            statements.set(key, (statements.get(key) ?? 0) + (used.user + used.system) / 1000);
          }
        };
      }
    let kindNow = '';
    let appended = 0;
    // The projection's own reads of PostgreSQL, answered with BATCH new events at each pass.
    const repository = {
      bounds: async (after: bigint) => ({ first: after + 1n, last: after + BigInt(BATCH) }),
      some: async () => [],
      anyBetween: async () => true,
      copyRange: async (after: bigint, upTo: bigint, file: string) => {
        const connection = await database.stagingConnection();
        const pairs = Number(upTo - after);
        // Even events: a pair held already (a visitor seen that day); odd ones: a new pair.
        await connection.run(
          `COPY (SELECT ${after} + j + 1, make_timestamp(${BATCH_START_MS * 1000} + (${appended} + j) * 1000),
                        'ws', 'lnk_' || (1 + k % ${LINKS}), false, ${visitor('k')},
                        ${SOURCE_COLUMNS.map((column) => (column === 'domain' ? `'go.test'` : 'NULL')).join(', ')}
                   FROM (SELECT j, CASE WHEN j % 2 = 0 THEN (j * 7919 + ${appended}::BIGINT * 104729) % ${Math.max(held / 2, 1)}
                                        ELSE 1000000000000 + ${appended} + j END AS k
                           FROM range(${pairs}) t(j)))
             TO '${file}' (HEADER false)`,
        );
        appended += pairs;
        return pairs;
      },
    } as unknown as AnalyticsProjectionRepository;
    const projection = new AnalyticsProjection(database, repository, config, {} as MetricsService);
    const internals = projection as unknown as {
      schedule: () => void;
      append: (part: unknown) => Promise<void>;
      firstVisits: FirstVisits;
    };
    internals.schedule = () => undefined; // no polling: each pass is the bench's
    const append = internals.append.bind(projection);
    let cpu: number[] = [];
    internals.append = async (part) => {
      const start = process.cpuUsage();
      await append(part);
      const used = process.cpuUsage(start);
      cpu.push((used.user + used.system) / 1000);
    };

    console.log(
      `| clicks held that day | kind | CPU ms per ${BATCH}-event append: median (range) | first held append (loads the day) | pairs held | set MB |`,
    );
    console.log('| --- | --- | --- | --- | --- | --- |');
    for (const size of SIZES) {
      await fill(size);
      const results: Record<Kind, number[]> = { scan: [], held: [] };
      const loads: number[] = [];
      let pairs = 0;
      let bytes = 0;
      for (let round = 0; round < ROUNDS; round++)
        for (const kind of ['scan', 'held'] as Kind[]) {
          internals.firstVisits = new FirstVisits(kind === 'held');
          kindNow = `${size} ${kind}`;
          for (let index = 0; index < APPENDS + (kind === 'held' ? 1 : 0); index++) {
            cpu = [];
            await projection.catchUp();
            if (kind === 'held' && index === 0) loads.push(...cpu);
            else results[kind].push(...cpu);
          }
          if (kind === 'held') ({ pairs, bytes } = internals.firstVisits.held);
        }
      for (const kind of ['scan', 'held'] as Kind[]) {
        const sorted = [...results[kind]].sort((a, b) => a - b);
        const median = sorted[Math.floor(sorted.length / 2)];
        console.log(
          `| ${size.toLocaleString('en-US')} | ${kind} | ${median.toFixed(1)} (${sorted[0].toFixed(1)}–${sorted[sorted.length - 1].toFixed(1)}) | ${
            kind === 'held' ? loads.map((ms) => ms.toFixed(0)).join(', ') : ''
          } | ${kind === 'held' ? pairs.toLocaleString('en-US') : ''} | ${kind === 'held' ? (bytes / 1e6).toFixed(1) : ''} |`,
        );
      }
    }
    for (const [key, ms] of statements) console.log(`${ms.toFixed(1).padStart(9)} ms  ${key}`);
    await projection.onModuleDestroy();
  } finally {
    await database.onApplicationShutdown();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
