import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CLICK_DIMENSION_EXPRESSIONS, MAX_DIMENSION_VALUE_LENGTH } from '../clicks/clicks.repository';
import { DIMENSION_FILTERS } from './dto/analytics-query.dto';

const DAY_MS = 86_400_000;

/** A workspace's UTC day (`YYYY-MM-DD`). */
export interface WorkspaceDay {
  workspaceId: string;
  day: string;
}

const value = (expression: string) => `left(${expression}, ${MAX_DIMENSION_VALUE_LENGTH})`;
const FILTER_VALUES = DIMENSION_FILTERS.map((dimension) => `('${dimension}', ${value(CLICK_DIMENSION_EXPRESSIONS[dimension])})`).join(', ');
const GROUP_VALUES = [...Object.entries(CLICK_DIMENSION_EXPRESSIONS).map(([dimension, expression]) => `('${dimension}', ${value(expression)})`), `('link', link_id)`].join(', ');
/** Clicks and bot clicks of a workspace's UTC day in its hourly rollup: a built day is trusted while this is unchanged. */
const DAY_EVENTS = `SELECT coalesce(sum(clicks + bot_clicks), 0) FROM workspace_click_rollups_hourly
                     WHERE workspace_id = $1 AND hour >= $2::date AT TIME ZONE 'UTC' AND hour < ($2::date + 1) AT TIME ZONE 'UTC'`;

/**
 * Builds ClickPairRollupDailyEntity: one workspace's closed UTC day at a time, in one statement over its raw
 * events (unique visitors are the clicks the writer marked `first_visit`), with the day's click count from
 * the hourly rollup read in the same snapshot.
 */
const BUILD_DAY = `
  WITH day_clicks AS (
    SELECT * FROM click_events WHERE workspace_id = $1 AND time >= $2::date AT TIME ZONE 'UTC' AND time < ($2::date + 1) AT TIME ZONE 'UTC'
  ),
  pairs AS (
    INSERT INTO click_pair_rollups_daily (workspace_id, filter_dimension, filter_value, dimension, day, value, clicks, unique_visitors, bot_clicks)
    SELECT $1, filters.dimension, filters.value, groups.dimension, $2::date, groups.value,
           count(*) FILTER (WHERE NOT is_bot), count(*) FILTER (WHERE first_visit), count(*) FILTER (WHERE is_bot)
      FROM day_clicks
     CROSS JOIN LATERAL (VALUES ${FILTER_VALUES}) AS filters (dimension, value)
     CROSS JOIN LATERAL (VALUES ${GROUP_VALUES}) AS groups (dimension, value)
     WHERE filters.value IS NOT NULL AND filters.value <> '' AND groups.value IS NOT NULL AND groups.value <> ''
       AND groups.dimension <> filters.dimension
     GROUP BY 2, 3, 4, 6
  )
  INSERT INTO click_pair_rollup_days (workspace_id, day, events) SELECT $1, $2::date, (${DAY_EVENTS})`;

/** The pair rollups: which days need building, building one, and which days a query may read from them. */
@Injectable()
export class PairRollupsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Closed UTC days since `since` (before today) that have clicks and are not built, or were built before
   * clicks arrived late; oldest first.
   */
  async pendingDays(since: Date, now: Date, limit: number): Promise<WorkspaceDay[]> {
    const today = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
    const rows: { workspaceId: string; day: string }[] = await this.dataSource.query(
      `SELECT days.workspace_id AS "workspaceId", to_char(days.day, 'YYYY-MM-DD') AS day
         FROM (SELECT workspace_id, (hour AT TIME ZONE 'UTC')::date AS day, sum(clicks + bot_clicks) AS events
                 FROM workspace_click_rollups_hourly WHERE hour >= $1 AND hour < $2 GROUP BY 1, 2) AS days
         LEFT JOIN click_pair_rollup_days built ON built.workspace_id = days.workspace_id AND built.day = days.day
        WHERE built.events IS DISTINCT FROM days.events
        ORDER BY days.day, days.workspace_id
        LIMIT $3`,
      [since, today, limit],
    );
    return rows;
  }

  /** (Re)builds one workspace's day. Builds of the same day on several instances queue on an advisory lock. */
  async buildDay({ workspaceId, day }: WorkspaceDay): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('click_pair_rollups'), hashtext($1 || $2))`, [workspaceId, day]);
      await manager.query(`DELETE FROM click_pair_rollups_daily WHERE workspace_id = $1 AND day = $2`, [workspaceId, day]);
      await manager.query(`DELETE FROM click_pair_rollup_days WHERE workspace_id = $1 AND day = $2`, [workspaceId, day]);
      await manager.query(BUILD_DAY, [workspaceId, day]);
    });
  }

  /**
   * The days of [from, to) (UTC days, `YYYY-MM-DD`) whose pair rollups are current: built, and no click
   * came for that day since.
   */
  async currentDays(workspaceId: string, from: string, to: string): Promise<Set<string>> {
    const rows: { day: string }[] = await this.dataSource.query(
      `SELECT to_char(built.day, 'YYYY-MM-DD') AS day
         FROM click_pair_rollup_days built
         JOIN (SELECT (hour AT TIME ZONE 'UTC')::date AS day, sum(clicks + bot_clicks) AS events FROM workspace_click_rollups_hourly
                WHERE workspace_id = $1 AND hour >= $2::date AT TIME ZONE 'UTC' AND hour < $3::date AT TIME ZONE 'UTC' GROUP BY 1) AS current
           ON current.day = built.day
        WHERE built.workspace_id = $1 AND built.day >= $2::date AND built.day < $3::date AND built.events = current.events`,
      [workspaceId, from, to],
    );
    return new Set(rows.map((row) => row.day));
  }
}
