import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { PairRollupKind } from '@app/database';
import { CLICK_DIMENSION_EXPRESSIONS, MAX_DIMENSION_VALUE_LENGTH, ROLLUP_COUNTS } from '../clicks/clicks.repository';
import { DIMENSION_FILTERS } from './dto/analytics-query.dto';
import { closedPeriods, currentPeriods, eventsByPeriod, Period, periodEvents } from './compaction-periods';

/** A workspace's UTC day (`YYYY-MM-DD`) to build, and which pairs. */
export interface PendingDay {
  workspaceId: string;
  day: string;
  kind: PairRollupKind;
}

/** A workspace's closed UTC week (its Monday) to build from its days' pairs, and which pairs. */
export interface PendingPairWeek {
  workspaceId: string;
  week: string;
  kind: PairRollupKind;
}

/** Filter dimensions of the `link_group` pairs: a folder or tag id, and `links` ('') for every link that still exists. */
export const LINK_GROUP_FILTERS = ['folder', 'tag', 'links'] as const;

const value = (expression: string) => `left(${expression}, ${MAX_DIMENSION_VALUE_LENGTH})`;
const FILTER_VALUES = DIMENSION_FILTERS.map((dimension) => `('${dimension}', ${value(CLICK_DIMENSION_EXPRESSIONS[dimension])})`).join(', ');
const GROUP_VALUES = [...Object.entries(CLICK_DIMENSION_EXPRESSIONS).map(([dimension, expression]) => `('${dimension}', ${value(expression)})`), `('link', link_id)`].join(', ');
const HOUR_VALUE = `to_char(date_trunc('hour', time AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"HH24":00:00Z"')`;
const DAY_RANGE = `time >= $2::date AT TIME ZONE 'UTC' AND time < ($2::date + 1) AT TIME ZONE 'UTC'`;
const MEMBERSHIP_VERSION = `coalesce((SELECT version FROM link_membership_versions WHERE workspace_id = $1), 0)`;

/**
 * How each kind of a workspace's closed UTC day is built into ClickPairRollupDailyEntity: one statement over
 * the day's raw events (unique visitors are the clicks the writer marked `first_visit`), which also records
 * the day with its click count from the hourly rollup (and the membership version) read in the same snapshot.
 * - `dimension`: every (filter dimension value, other dimension or link value) of the day's clicks;
 * - `link_group`: the clicks of the links now in each folder, carrying each tag, and of every link that still
 *   exists (`links`), by dimension value, link and UTC hour.
 * Rows go in in key order, so the rows one question reads sit together on disk (a hash aggregate's order
 * would scatter the links of one filter value over the whole day's pages).
 */
const BUILD: Record<PairRollupKind, { filters: string; statement: string }> = {
  dimension: {
    filters: `filter_dimension <> ALL('{${LINK_GROUP_FILTERS.join(',')}}')`,
    statement: `
      WITH day_clicks AS (
        SELECT * FROM click_events WHERE workspace_id = $1 AND ${DAY_RANGE}
      ),
      pairs AS (
        INSERT INTO click_pair_rollups_daily (workspace_id, filter_dimension, filter_value, dimension, day, value, clicks, unique_visitors, bot_clicks)
        SELECT $1, filters.dimension, filters.value, groups.dimension, $2::date, groups.value, ${ROLLUP_COUNTS}
          FROM day_clicks
         CROSS JOIN LATERAL (VALUES ${FILTER_VALUES}) AS filters (dimension, value)
         CROSS JOIN LATERAL (VALUES ${GROUP_VALUES}) AS groups (dimension, value)
         WHERE filters.value IS NOT NULL AND filters.value <> '' AND groups.value IS NOT NULL AND groups.value <> ''
           AND groups.dimension <> filters.dimension
         GROUP BY 2, 3, 4, 6
         ORDER BY 2, 3, 4, 6
      )
      INSERT INTO click_pair_rollup_days (workspace_id, day, kind, events) SELECT $1, $2::date, 'dimension', (${periodEvents('day')})`,
  },
  link_group: {
    filters: `filter_dimension = ANY('{${LINK_GROUP_FILTERS.join(',')}}')`,
    statement: `
      WITH day_clicks AS (
        SELECT click_events.*, links.folder_id
          FROM click_events JOIN links ON links.id = click_events.link_id
         WHERE click_events.workspace_id = $1 AND click_events.${DAY_RANGE}
      ),
      memberships AS (
        SELECT 'links' AS filter_dimension, '' AS filter_value, day_clicks.* FROM day_clicks
        UNION ALL
        SELECT 'folder', folder_id, day_clicks.* FROM day_clicks WHERE folder_id IS NOT NULL
        UNION ALL
        SELECT 'tag', assignment.tag_id, day_clicks.* FROM day_clicks JOIN link_tag_assignments assignment ON assignment.link_id = day_clicks.link_id
      ),
      pairs AS (
        INSERT INTO click_pair_rollups_daily (workspace_id, filter_dimension, filter_value, dimension, day, value, clicks, unique_visitors, bot_clicks)
        SELECT $1, filter_dimension, filter_value, groups.dimension, $2::date, groups.value, ${ROLLUP_COUNTS}
          FROM memberships
         CROSS JOIN LATERAL (VALUES ${GROUP_VALUES}, ('hour', ${HOUR_VALUE})) AS groups (dimension, value)
         WHERE groups.value IS NOT NULL AND groups.value <> ''
         GROUP BY 2, 3, 4, 6
         ORDER BY 2, 3, 4, 6
      )
      INSERT INTO click_pair_rollup_days (workspace_id, day, kind, events, links_version)
      SELECT $1, $2::date, 'link_group', (${periodEvents('day')}), ${MEMBERSHIP_VERSION}`,
  },
};

/** Days of the week ($1 workspace, $2 Monday, $3 kind) with clicks whose pairs are not built or not current. */
const WEEK_DAYS_MISSING = `
  SELECT count(*)::int AS missing
    FROM (SELECT (hour AT TIME ZONE 'UTC')::date AS day, sum(clicks + bot_clicks) AS events FROM workspace_click_rollups_hourly
           WHERE workspace_id = $1 AND hour >= $2::date AT TIME ZONE 'UTC' AND hour < ($2::date + 7) AT TIME ZONE 'UTC' GROUP BY 1) AS days
    LEFT JOIN click_pair_rollup_days built
      ON built.workspace_id = $1 AND built.day = days.day AND built.kind = $3 AND built.events = days.events
     AND (built.kind = 'dimension' OR built.links_version = ${MEMBERSHIP_VERSION})
   WHERE built.day IS NULL`;

/** The pair rollups: which days and weeks need building, building them, and which a query may read. */
@Injectable()
export class PairRollupsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Days to build, newest first: closed UTC days since `since` (before today) that have clicks and are not
   * built, or were built before clicks arrived late; and `link_group` days of any age built before the
   * workspace's links last changed folder or tags.
   */
  async pendingDays(since: Date, now: Date, limit: number): Promise<PendingDay[]> {
    return this.pending<PendingDay>('day', 'click_pair_rollup_days', since, now, limit);
  }

  /** (Re)builds one kind of a workspace's day. Builds of the same day on several instances queue on an advisory lock. */
  async buildDay({ workspaceId, day, kind }: PendingDay): Promise<void> {
    const { filters, statement } = BUILD[kind];
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('click_pair_rollups'), hashtext($1 || $2 || $3))`, [workspaceId, day, kind]);
      await manager.query(`DELETE FROM click_pair_rollups_daily WHERE workspace_id = $1 AND day = $2 AND ${filters}`, [workspaceId, day]);
      await manager.query(`DELETE FROM click_pair_rollup_days WHERE workspace_id = $1 AND day = $2 AND kind = $3`, [workspaceId, day, kind]);
      await manager.query(statement, [workspaceId, day]);
    });
  }

  /**
   * The days of [from, to) (UTC days, `YYYY-MM-DD`) whose pairs of that kind are current: built, no click
   * came for that day since, and (`link_group`) no link changed folder or tags since — or without any click
   * (nothing to read).
   */
  async currentDays(workspaceId: string, kind: PairRollupKind, from: string, to: string): Promise<Set<string>> {
    return this.current('day', 'click_pair_rollup_days', workspaceId, kind, from, to);
  }

  /**
   * Weeks to build, newest first, as pendingDays: closed UTC weeks since `since` with clicks whose weekly pairs
   * are not built or were built before clicks arrived late; and `link_group` weeks of any age built before the
   * workspace's links last changed folder or tags. A week is built once its days are.
   */
  async pendingWeeks(since: Date, now: Date, limit: number): Promise<PendingPairWeek[]> {
    return this.pending<PendingPairWeek>('week', 'click_pair_rollup_weeks', since, now, limit);
  }

  /** (Re)builds one kind of a workspace's week from its days' pairs; false (nothing done) while one of those days is not built and current. */
  async buildWeek({ workspaceId, week, kind }: PendingPairWeek): Promise<boolean> {
    const { filters } = BUILD[kind];
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('click_pair_rollup_weeks'), hashtext($1 || $2 || $3))`, [workspaceId, week, kind]);
      const [{ missing }]: { missing: number }[] = await manager.query(WEEK_DAYS_MISSING, [workspaceId, week, kind]);
      if (missing > 0) return false;
      await manager.query(`DELETE FROM click_pair_rollups_weekly WHERE workspace_id = $1 AND week = $2 AND ${filters}`, [workspaceId, week]);
      await manager.query(`DELETE FROM click_pair_rollup_weeks WHERE workspace_id = $1 AND week = $2 AND kind = $3`, [workspaceId, week, kind]);
      await manager.query(
        `WITH pairs AS (
           INSERT INTO click_pair_rollups_weekly (workspace_id, filter_dimension, filter_value, dimension, week, value, clicks, unique_visitors, bot_clicks)
           SELECT $1::varchar, filter_dimension, filter_value, dimension, $2::date, value, sum(clicks), sum(unique_visitors), sum(bot_clicks)
             FROM click_pair_rollups_daily
            WHERE workspace_id = $1 AND day >= $2::date AND day < $2::date + 7 AND ${filters}
            GROUP BY filter_dimension, filter_value, dimension, value
            ORDER BY filter_dimension, filter_value, dimension, value
         )
         INSERT INTO click_pair_rollup_weeks (workspace_id, week, kind, events, links_version)
         SELECT $1::varchar, $2::date, $3::varchar, (${periodEvents('week')}), CASE WHEN $3::varchar = 'link_group' THEN ${MEMBERSHIP_VERSION} END`,
        [workspaceId, week, kind],
      );
      return true;
    });
  }

  /** The weeks (Mondays) in [from, to) whose weekly pairs of that kind are current (or that have no click). */
  async currentWeeks(workspaceId: string, kind: PairRollupKind, from: string, to: string): Promise<Set<string>> {
    return this.current('week', 'click_pair_rollup_weeks', workspaceId, kind, from, to);
  }

  /**
   * Refreshes the planner's statistics of the pair tables: after a backfill they describe tables a fraction of
   * the size, and plans chosen on them read every folder's pairs instead of walking the key (10× slower).
   */
  async analyze(): Promise<void> {
    await this.dataSource.query(`ANALYZE click_pair_rollups_daily, click_pair_rollups_weekly, click_pair_rollup_days, click_pair_rollup_weeks`);
  }

  private pending<Row>(period: Period, table: string, since: Date, now: Date, limit: number): Promise<Row[]> {
    return this.dataSource.query(
      `WITH periods AS (${eventsByPeriod(period)}),
       pending AS (
         SELECT periods.workspace_id, periods.${period}, kinds.kind
           FROM periods CROSS JOIN (VALUES ('dimension'), ('link_group')) AS kinds (kind)
           LEFT JOIN ${table} built ON built.workspace_id = periods.workspace_id AND built.${period} = periods.${period} AND built.kind = kinds.kind
          WHERE built.events IS DISTINCT FROM periods.events
         UNION
         SELECT built.workspace_id, built.${period}, built.kind
           FROM ${table} built LEFT JOIN link_membership_versions versions ON versions.workspace_id = built.workspace_id
          WHERE built.kind = 'link_group' AND built.links_version IS DISTINCT FROM coalesce(versions.version, 0)
       )
       SELECT workspace_id AS "workspaceId", to_char(${period}, 'YYYY-MM-DD') AS ${period}, kind FROM pending
        ORDER BY ${period} DESC, workspace_id, kind
        LIMIT $3`,
      [...closedPeriods(period, since, now), limit],
    );
  }

  private current(period: Period, table: string, workspaceId: string, kind: PairRollupKind, from: string, to: string): Promise<Set<string>> {
    const match = `built.kind = $4 AND (built.kind = 'dimension' OR built.links_version = ${MEMBERSHIP_VERSION})`;
    return currentPeriods(this.dataSource, { period, table, workspaceId, from, to, match, parameters: [kind] });
  }
}
