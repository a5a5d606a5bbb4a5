import type { DataSource } from 'typeorm';

const DAY_MS = 86_400_000;

/** The grains the compaction job builds: closed UTC days and closed UTC weeks (Monday to Sunday). */
export type Period = 'day' | 'week';
const PERIOD_DAYS: Record<Period, number> = { day: 1, week: 7 };

/** The Monday starting the UTC week of `time`, as a time. */
export function weekStart(time: number): number {
  const day = Math.floor(time / DAY_MS) * DAY_MS;
  // 1970-01-01 was a Thursday: Monday is 4 days after it.
  return day - ((((day / DAY_MS - 4) % 7) + 7) % 7) * DAY_MS;
}

/** Bounds [start, end) of the closed periods from `since` on: whole periods starting at or after it, ending before the current one. */
export function closedPeriods(period: Period, since: Date, now: Date): [Date, Date] {
  if (period === 'day') return [since, new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS)];
  return [new Date(weekStart(since.getTime()) + 7 * DAY_MS), new Date(weekStart(now.getTime()))];
}

/**
 * Clicks and bot clicks of a workspace ($1) in the period starting on $2 (a date), in its hourly rollup: what a
 * built period records, and what it is checked against when read.
 */
export function periodEvents(period: Period): string {
  return `SELECT coalesce(sum(clicks + bot_clicks), 0) FROM workspace_click_rollups_hourly
           WHERE workspace_id = $1 AND hour >= $2::date AT TIME ZONE 'UTC' AND hour < ($2::date + ${PERIOD_DAYS[period]}) AT TIME ZONE 'UTC'`;
}

/** Rows (workspace_id, `<period>`, events) of every workspace's periods starting in [$1, $2), from the hourly rollup. */
export function eventsByPeriod(period: Period): string {
  return `SELECT workspace_id, date_trunc('${period}', hour AT TIME ZONE 'UTC')::date AS ${period}, sum(clicks + bot_clicks) AS events
            FROM workspace_click_rollups_hourly WHERE hour >= $1 AND hour < $2 GROUP BY 1, 2`;
}

/** Which built rows of a state table a query may read. */
export interface CurrentPeriods {
  period: Period;
  /** The state table: (workspace_id, `<period>`, events, …). */
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
 * The periods starting in [from, to) that a query may read from what the compaction job built: built, with the
 * click count of the hourly rollup unchanged since (and `match`) — or without any click (nothing to read).
 */
export async function currentPeriods(dataSource: DataSource, { period, table, workspaceId, from, to, match, parameters = [] }: CurrentPeriods): Promise<Set<string>> {
  const rows: { period: string }[] = await dataSource.query(
    `SELECT to_char(series.period, 'YYYY-MM-DD') AS period
       FROM generate_series(date_trunc('${period}', $2::date), $3::date - 1, interval '1 ${period}') AS series (period)
       LEFT JOIN (SELECT date_trunc('${period}', hour AT TIME ZONE 'UTC') AS period, sum(clicks + bot_clicks) AS events FROM workspace_click_rollups_hourly
                   WHERE workspace_id = $1 AND hour >= $2::date AT TIME ZONE 'UTC' AND hour < $3::date AT TIME ZONE 'UTC' GROUP BY 1) AS current
         ON current.period = series.period
       LEFT JOIN ${table} built ON built.workspace_id = $1 AND built.${period} = series.period::date${match ? ` AND ${match}` : ''}
      WHERE series.period >= $2::date AND (coalesce(current.events, 0) = 0 OR built.events = current.events)`,
    [workspaceId, from, to, ...parameters],
  );
  return new Set(rows.map((row) => row.period));
}
