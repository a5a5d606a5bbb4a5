import type { DataSource } from 'typeorm';

const DAY_MS = 86_400_000;

/**
 * The lengths (days) of the blocks the compaction job builds: a block of n days starts a multiple of n days
 * after 1970-01-01, so a block is the two halves below it, like the nodes of a binary tree (the smallest, its
 * four days). 512 days covers the longest window a plan keeps (1,095 days) with a handful of blocks. No blocks of
 * two days: of the pairs they would be the largest level (two days hold ~1.4 days' rows: the values repeat little)
 * for half a read less per window on average (5.8 reads instead of 5.3 for 90 days, the same 7 at the 95th
 * percentile).
 */
export const BLOCK_SIZES = [4, 8, 16, 32, 64, 128, 256, 512] as const;
/** The smallest blocks, built from their days rather than from two halves. */
export const FIRST_BLOCK_SIZE = BLOCK_SIZES[0];

/** A block of UTC days: `days` days from `start` (`YYYY-MM-DD`). */
export interface Block {
  start: string;
  days: number;
}

/** `start/days`, as sets of current blocks hold them. */
export function blockKey({ start, days }: Block): string {
  return `${start}/${days}`;
}

/** The UTC day of `time` as a number of days since 1970-01-01. */
export function dayNumber(time: number): number {
  return Math.floor(time / DAY_MS);
}

export function dayToIso(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/**
 * What whole days may be read from near a window: blocks of days built and current (blockKey) and days (all of
 * them, or those in `days`), within the day numbers [lo, hi).
 */
export interface Coverage {
  blocks: Set<string>;
  days?: Set<string>;
  lo: number;
  hi: number;
}

/** No block, and every day of a run readable: days one by one. */
export const NO_BLOCKS: Coverage = { blocks: new Set(), lo: 0, hi: 0 };

/** A read of whole days: `days` days from day number `start` (one day, or a block), added or subtracted. */
export interface SignedRead {
  start: number;
  days: number;
  sign: 1 | -1;
}

/**
 * The fewest reads of days and current blocks whose signed sum is the days [from, to) (day numbers): a shortest
 * path from `from` to `to` over day boundaries within [lo, hi), each read a step forward (added) or backward
 * (subtracted) over its days. A block of n days starts at a multiple of n; with blocks of 4, 8… days "the last
 * 90 days" takes ~6 reads instead of 90 (13 weeks and the days around them were ~19).
 */
export function cover(from: number, to: number, { blocks, days, lo, hi }: Coverage): SignedRead[] {
  const readable = (start: number, length: number) =>
    length === 1 ? !days || days.has(dayToIso(start)) : blocks.has(blockKey({ start: dayToIso(start), days: length }));
  // No bounds (lo = hi): the window's own days.
  const bottom = lo < hi ? Math.min(lo, from) : from;
  const top = lo < hi ? Math.max(hi, to) : to;
  const via = new Map<number, { previous: number; read: SignedRead }>();
  const queue = [from];
  const seen = new Set([from]);
  for (let index = 0; index < queue.length && !seen.has(to); index++) {
    const at = queue[index];
    for (const length of [1, ...BLOCK_SIZES]) {
      if (at % length !== 0) break;
      for (const [next, read] of [
        [at + length, { start: at, days: length, sign: 1 }],
        [at - length, { start: at - length, days: length, sign: -1 }],
      ] as [number, SignedRead][]) {
        if (next < bottom || next > top || seen.has(next) || !readable(read.start, length)) continue;
        seen.add(next);
        via.set(next, { previous: at, read });
        queue.push(next);
      }
    }
  }
  if (!seen.has(to)) throw new Error(`No cover of days ${from}–${to}`);
  const reads: SignedRead[] = [];
  for (let at = to; at !== from; at = via.get(at)!.previous) reads.push(via.get(at)!.read);
  return reads;
}

/** Bounds [start, end) of the closed UTC days from `since` on: whole days starting at or after it, before today. */
export function closedDays(since: Date, now: Date): [Date, Date] {
  return [
    new Date(Math.ceil(since.getTime() / DAY_MS) * DAY_MS),
    new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS),
  ];
}

/**
 * Clicks and bot clicks of a workspace ($1) in the days [`start`, `start` + `days`) (SQL of a date, $2 by
 * default, and of a number of days), in its hourly rollup: what a built day or block records, and what it is checked
 * against when read.
 */
export function periodEvents(days: string, start = '$2::date'): string {
  return `SELECT coalesce(sum(clicks + bot_clicks), 0) FROM workspace_click_rollups_hourly
           WHERE workspace_id = $1 AND hour >= ${start} AT TIME ZONE 'UTC' AND hour < (${start} + ${days}) AT TIME ZONE 'UTC'`;
}

/** Rows (workspace_id, day, events) of every workspace's UTC days in [$1, $2), from the hourly rollup. */
export const EVENTS_BY_DAY = `
  SELECT workspace_id, (hour AT TIME ZONE 'UTC')::date AS day, sum(clicks + bot_clicks) AS events
    FROM workspace_click_rollups_hourly WHERE hour >= $1 AND hour < $2 GROUP BY 1, 2`;

/** The first day of the `days`-day block holding `day` (SQL expressions of a date and an integer). */
function blockStartOf(day: string, days: string): string {
  return `(date '1970-01-01' + ((${day} - date '1970-01-01') / ${days}) * ${days})`;
}

/**
 * Rows (workspace_id, start_day, days, events): the rows (workspace_id, day, events) of `days` summed into the
 * blocks of every size that hold them, those passing `where` (on `block.start_day` and `sizes.days`).
 */
function blockEvents(days: string, where = 'true'): string {
  return `SELECT workspace_id, block.start_day, sizes.days, sum(events) AS events
            FROM (${days}) AS days_with_clicks
           CROSS JOIN unnest('{${BLOCK_SIZES.join(',')}}'::int[]) AS sizes (days)
           CROSS JOIN LATERAL (SELECT ${blockStartOf('day', 'sizes.days')} AS start_day) AS block
           WHERE ${where}
           GROUP BY 1, 2, 3`;
}

/**
 * Rows (workspace_id, start_day, days, events) of the blocks (all sizes) with clicks that end within the days
 * [$1, $2) (times at midnight), of the workspaces with clicks in those days, from the hourly rollup.
 */
export const EVENTS_BY_BLOCK = blockEvents(
  `SELECT workspace_id, (hour AT TIME ZONE 'UTC')::date AS day, sum(clicks + bot_clicks) AS events
     FROM workspace_click_rollups_hourly
    WHERE workspace_id IN (SELECT workspace_id FROM workspace_click_rollups_hourly WHERE hour >= $1 AND hour < $2)
      AND hour >= $1::timestamptz - interval '${BLOCK_SIZES[BLOCK_SIZES.length - 1]} days' AND hour < $2 GROUP BY 1, 2`,
  `block.start_day + sizes.days > ($1::timestamptz AT TIME ZONE 'UTC')::date AND block.start_day + sizes.days <= ($2::timestamptz AT TIME ZONE 'UTC')::date`,
);

/** Rows (workspace_id, day, events) of the workspace $1's UTC days in [$2, $3) (dates), from the hourly rollup. */
const WORKSPACE_EVENTS_BY_DAY = `
  SELECT workspace_id, (hour AT TIME ZONE 'UTC')::date AS day, sum(clicks + bot_clicks) AS events FROM workspace_click_rollups_hourly
   WHERE workspace_id = $1 AND hour >= $2::date AT TIME ZONE 'UTC' AND hour < $3::date AT TIME ZONE 'UTC' GROUP BY 1, 2`;

/**
 * `SELECT count(*) AS missing`: how many parts of a block of `days` days ($1 workspace, $2 first day, $3 days)
 * are not current under `match` (on the state row `built`): its two halves in the state table `tables.blocks`, or
 * for the smallest blocks its days in `tables.days`. A part without clicks needs nothing built.
 */
export function partsNotCurrent(days: number, tables: { days: string; blocks: string }, match = 'true'): string {
  const first = days === FIRST_BLOCK_SIZE;
  const parts = first
    ? `(SELECT $2::date + offsets AS start_day FROM generate_series(0, $3::int - 1) AS offsets) AS parts`
    : `(VALUES ($2::date), ($2::date + $3::int / 2)) AS parts (start_day)`;
  const builtPart = first
    ? `${tables.days} built ON built.day = parts.start_day`
    : `${tables.blocks} built ON built.start_day = parts.start_day AND built.days = $3::int / 2`;
  return `SELECT count(*)::int AS missing
            FROM ${parts}
           CROSS JOIN LATERAL (${periodEvents(first ? '1' : '$3::int / 2', 'parts.start_day')}) AS current (events)
            LEFT JOIN ${builtPart} AND built.workspace_id = $1 AND ${match}
           WHERE coalesce(built.events, 0) <> current.events`;
}

/**
 * `FROM … WHERE …` of the rows a block of `days` days ($1 workspace, $2 first day, $3 days) sums: its days in the
 * daily table `tables.days` for the smallest blocks, else its two halves in the block table `tables.blocks`.
 */
export function partRows(days: number, tables: { days: string; blocks: string }): string {
  return days === FIRST_BLOCK_SIZE
    ? `FROM ${tables.days} WHERE workspace_id = $1 AND day >= $2::date AND day < $2::date + $3::int`
    : `FROM ${tables.blocks} WHERE workspace_id = $1 AND start_day IN ($2::date, $2::date + $3::int / 2) AND days = $3::int / 2`;
}

/** Which built rows of a state table a query may read. */
export interface CurrentPeriods {
  /** The state table: (workspace_id, day, events, …) or (workspace_id, start_day, days, events, …). */
  table: string;
  workspaceId: string;
  /** UTC days `YYYY-MM-DD`, [from, to). */
  from: string;
  to: string;
  /** More conditions on the state row `built` (parameters from $4, in `parameters`). */
  match?: string;
  parameters?: unknown[];
}

/**
 * The days in [from, to) that a query may read from what the compaction job built: built, with the click count
 * of the hourly rollup unchanged since (and `match`) — or without any click (nothing to read).
 */
export async function currentDays(
  dataSource: DataSource,
  { table, workspaceId, from, to, match, parameters = [] }: CurrentPeriods,
): Promise<Set<string>> {
  const rows: { day: string }[] = await dataSource.query(
    `SELECT to_char(series.day, 'YYYY-MM-DD') AS day
       FROM generate_series($2::date, $3::date - 1, interval '1 day') AS series (day)
       LEFT JOIN (${WORKSPACE_EVENTS_BY_DAY}) AS current ON current.day = series.day
       LEFT JOIN ${table} built ON built.workspace_id = $1 AND built.day = series.day::date${match ? ` AND ${match}` : ''}
      WHERE coalesce(current.events, 0) = 0 OR built.events = current.events`,
    [workspaceId, from, to, ...parameters],
  );
  return new Set(rows.map((row) => row.day));
}

/**
 * The blocks (all sizes) lying within the days [from, to) that a query may read (`start/days`, blockKey): built,
 * with the click count of the hourly rollup over their days unchanged since (and `match`) — or without any click.
 */
export async function currentBlocks(
  dataSource: DataSource,
  { table, workspaceId, from, to, match, parameters = [] }: CurrentPeriods,
): Promise<Set<string>> {
  const rows: { block: string }[] = await dataSource.query(
    `WITH current AS (${blockEvents(WORKSPACE_EVENTS_BY_DAY)}),
     blocks AS (
       SELECT start_day::date, days FROM unnest('{${BLOCK_SIZES.join(',')}}'::int[]) AS sizes (days)
        CROSS JOIN LATERAL generate_series(${blockStartOf('$2::date', 'days')} + days * (${blockStartOf('$2::date', 'days')} < $2::date)::int,
                                           $3::date - days, days * interval '1 day') AS start_day
     )
     SELECT to_char(blocks.start_day, 'YYYY-MM-DD') || '/' || blocks.days AS block
       FROM blocks
       LEFT JOIN current ON current.start_day = blocks.start_day AND current.days = blocks.days
       LEFT JOIN ${table} built ON built.workspace_id = $1 AND built.start_day = blocks.start_day AND built.days = blocks.days${match ? ` AND ${match}` : ''}
      WHERE coalesce(current.events, 0) = 0 OR built.events = current.events`,
    [workspaceId, from, to, ...parameters],
  );
  return new Set(rows.map((row) => row.block));
}
