import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { closedPeriods, currentPeriods, eventsByPeriod, periodEvents } from './compaction-periods';

/** A workspace's closed UTC week, by its Monday (`YYYY-MM-DD`). */
export interface PendingWeek {
  workspaceId: string;
  week: string;
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
         FROM (${eventsByPeriod('week')}) AS weeks
         LEFT JOIN rollup_weeks built ON built.workspace_id = weeks.workspace_id AND built.week = weeks.week
        WHERE built.events IS DISTINCT FROM weeks.events
        ORDER BY weeks.week DESC, weeks.workspace_id
        LIMIT $3`,
      [...closedPeriods('week', since, now), limit],
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
         INSERT INTO rollup_weeks (workspace_id, week, events) SELECT $1::varchar, $2::date, (${periodEvents('week')})`,
        [workspaceId, week],
      );
    });
  }

  /** Refreshes the planner's statistics of the weekly tables (after a backfill, as PairRollupsRepository.analyze). */
  async analyze(): Promise<void> {
    await this.dataSource.query(`ANALYZE link_click_rollups_weekly, workspace_dimension_rollups_weekly, rollup_weeks`);
  }

  /** The weeks (Mondays) in [from, to) whose weekly rollups are current (or that have no click). */
  currentWeeks(workspaceId: string, from: string, to: string): Promise<Set<string>> {
    return currentPeriods(this.dataSource, { period: 'week', table: 'rollup_weeks', workspaceId, from, to });
  }
}
