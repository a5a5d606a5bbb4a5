import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

const DAY_MS = 86_400_000;

/** A workspace's closed UTC week, by its Monday (`YYYY-MM-DD`). */
export interface PendingWeek {
  workspaceId: string;
  week: string;
}

/** Clicks and bot clicks of a workspace's week ($1, $2 the Monday) in its hourly rollup. */
const WEEK_EVENTS = `SELECT coalesce(sum(clicks + bot_clicks), 0) FROM workspace_click_rollups_hourly
                      WHERE workspace_id = $1 AND hour >= $2::date AT TIME ZONE 'UTC' AND hour < ($2::date + 7) AT TIME ZONE 'UTC'`;

/** The Monday starting the UTC week of `time`, as a time. */
export function weekStart(time: number): number {
  const day = Math.floor(time / DAY_MS) * DAY_MS;
  // 1970-01-01 was a Thursday: Monday is 4 days after it.
  return day - ((((day / DAY_MS - 4) % 7) + 7) % 7) * DAY_MS;
}

/**
 * The weekly rollups (LinkClickRollupWeeklyEntity, WorkspaceDimensionRollupWeeklyEntity): which closed weeks need
 * building, building one from the daily rollups, and which weeks a query may read.
 */
@Injectable()
export class WeeklyRollupsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Weeks over before today's week, since `since`, with clicks, not built or changed since; newest first. */
  async pendingWeeks(since: Date, now: Date, limit: number): Promise<PendingWeek[]> {
    return this.dataSource.query(
      `SELECT weeks.workspace_id AS "workspaceId", to_char(weeks.week, 'YYYY-MM-DD') AS week
         FROM (SELECT workspace_id, date_trunc('week', hour AT TIME ZONE 'UTC')::date AS week, sum(clicks + bot_clicks) AS events
                 FROM workspace_click_rollups_hourly WHERE hour >= $1 AND hour < $2 GROUP BY 1, 2) AS weeks
         LEFT JOIN rollup_weeks built ON built.workspace_id = weeks.workspace_id AND built.week = weeks.week
        WHERE built.events IS DISTINCT FROM weeks.events
        ORDER BY weeks.week DESC, weeks.workspace_id
        LIMIT $3`,
      [new Date(weekStart(since.getTime()) + 7 * DAY_MS), new Date(weekStart(now.getTime())), limit],
    );
  }

  /** (Re)builds a workspace's week from its daily rollups; builds of one week on several instances queue on a lock. */
  async buildWeek({ workspaceId, week }: PendingWeek): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('rollup_weeks'), hashtext($1 || $2))`, [workspaceId, week]);
      for (const table of ['link_click_rollups_weekly', 'workspace_dimension_rollups_weekly', 'rollup_weeks']) {
        await manager.query(`DELETE FROM ${table} WHERE workspace_id = $1 AND week = $2`, [workspaceId, week]);
      }
      const counts = 'sum(clicks), sum(unique_visitors), sum(bot_clicks)';
      await manager.query(
        `WITH links AS (
           INSERT INTO link_click_rollups_weekly (link_id, workspace_id, week, clicks, unique_visitors, bot_clicks)
           SELECT link_id, $1::varchar, $2::date, ${counts} FROM link_click_rollups_daily
            WHERE workspace_id = $1 AND day >= $2::date AND day < $2::date + 7 GROUP BY link_id ORDER BY link_id
         ),
         dimensions AS (
           INSERT INTO workspace_dimension_rollups_weekly (workspace_id, dimension, week, value, clicks, unique_visitors, bot_clicks)
           SELECT $1::varchar, dimension, $2::date, value, ${counts} FROM workspace_dimension_rollups_daily
            WHERE workspace_id = $1 AND day >= $2::date AND day < $2::date + 7 GROUP BY dimension, value ORDER BY dimension, value
         )
         INSERT INTO rollup_weeks (workspace_id, week, events) SELECT $1::varchar, $2::date, (${WEEK_EVENTS})`,
        [workspaceId, week],
      );
    });
  }

  /** The weeks (Mondays) in [from, to) whose weekly rollups are current (or that have no click). */
  async currentWeeks(workspaceId: string, from: string, to: string): Promise<Set<string>> {
    const rows: { week: string }[] = await this.dataSource.query(
      `SELECT to_char(series.week, 'YYYY-MM-DD') AS week
         FROM generate_series(date_trunc('week', $2::date), $3::date - 1, interval '1 week') AS series (week)
         LEFT JOIN (SELECT date_trunc('week', hour AT TIME ZONE 'UTC') AS week, sum(clicks + bot_clicks) AS events FROM workspace_click_rollups_hourly
                     WHERE workspace_id = $1 AND hour >= $2::date AT TIME ZONE 'UTC' AND hour < $3::date AT TIME ZONE 'UTC' GROUP BY 1) AS current
           ON current.week = series.week
         LEFT JOIN rollup_weeks built ON built.workspace_id = $1 AND built.week = series.week::date
        WHERE series.week >= $2::date AND (coalesce(current.events, 0) = 0 OR built.events = current.events)`,
      [workspaceId, from, to],
    );
    return new Set(rows.map((row) => row.week));
  }
}
