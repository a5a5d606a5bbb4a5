import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { PairRollupKind } from '@app/database';
import { CLICK_DIMENSION_EXPRESSIONS, MAX_DIMENSION_VALUE_LENGTH, ROLLUP_COUNTS } from '../clicks/clicks.repository';
import { DIMENSION_FILTERS } from './dto/analytics-query.dto';
import {
  Block,
  closedDays,
  currentBlocks,
  currentDays,
  EVENTS_BY_BLOCK,
  EVENTS_BY_DAY,
  partRows,
  partsNotCurrent,
  periodEvents,
} from './compaction-periods';

/** A workspace's UTC day (`YYYY-MM-DD`) to build, and which pairs. */
export interface PendingDay {
  workspaceId: string;
  day: string;
  kind: PairRollupKind;
}

/** A workspace's closed block of UTC days to build from its halves' pairs, and which pairs. */
export interface PendingPairBlock extends Block {
  workspaceId: string;
  kind: PairRollupKind;
}

/** Filter dimensions of the `link_group` pairs: a folder or tag id, and `links` ('') for every link that still exists. */
export const LINK_GROUP_FILTERS = ['folder', 'tag', 'links'] as const;

const value = (expression: string) => `left(${expression}, ${MAX_DIMENSION_VALUE_LENGTH})`;
const FILTER_VALUES = DIMENSION_FILTERS.map(
  (dimension) => `('${dimension}', ${value(CLICK_DIMENSION_EXPRESSIONS[dimension])})`,
).join(', ');
const GROUP_VALUES = [
  ...Object.entries(CLICK_DIMENSION_EXPRESSIONS).map(
    ([dimension, expression]) => `('${dimension}', ${value(expression)})`,
  ),
  `('link', link_id)`,
].join(', ');
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
      INSERT INTO click_pair_rollup_days (workspace_id, day, kind, events) SELECT $1, $2::date, 'dimension', (${periodEvents('1')})`,
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
      SELECT $1, $2::date, 'link_group', (${periodEvents('1')}), ${MEMBERSHIP_VERSION}`,
  },
};

/** A `link_group` state row `built` is current only if built with the workspace's membership version now. */
const CURRENT_MEMBERSHIP = `(built.kind = 'dimension' OR built.links_version = ${MEMBERSHIP_VERSION})`;

/** The pair rollups: which days and blocks need building, building them, and which a query may read. */
@Injectable()
export class PairRollupsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Days to build, newest first: closed UTC days since `since` (before today) that have clicks and are not
   * built, or were built before clicks arrived late; and `link_group` days of any age built before the
   * workspace's links last changed folder or tags.
   */
  async pendingDays(since: Date, now: Date, limit: number): Promise<PendingDay[]> {
    return this.pending<PendingDay>(EVENTS_BY_DAY, ['day'], 'click_pair_rollup_days', since, now, limit);
  }

  /** (Re)builds one kind of a workspace's day. Builds of the same day on several instances queue on an advisory lock. */
  async buildDay({ workspaceId, day, kind }: PendingDay): Promise<void> {
    const { filters, statement } = BUILD[kind];
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('click_pair_rollups'), hashtext($1 || $2 || $3))`, [
        workspaceId,
        day,
        kind,
      ]);
      await manager.query(`DELETE FROM click_pair_rollups_daily WHERE workspace_id = $1 AND day = $2 AND ${filters}`, [
        workspaceId,
        day,
      ]);
      await manager.query(`DELETE FROM click_pair_rollup_days WHERE workspace_id = $1 AND day = $2 AND kind = $3`, [
        workspaceId,
        day,
        kind,
      ]);
      await manager.query(statement, [workspaceId, day]);
    });
  }

  /**
   * The days of [from, to) (UTC days, `YYYY-MM-DD`) whose pairs of that kind are current: built, no click
   * came for that day since, and (`link_group`) no link changed folder or tags since — or without any click
   * (nothing to read).
   */
  async currentDays(workspaceId: string, kind: PairRollupKind, from: string, to: string): Promise<Set<string>> {
    return currentDays(this.dataSource, {
      table: 'click_pair_rollup_days',
      workspaceId,
      from,
      to,
      match: `built.kind = $4 AND ${CURRENT_MEMBERSHIP}`,
      parameters: [kind],
    });
  }

  /**
   * Blocks to build, the smallest first (a block sums its halves), then the newest, as pendingDays: closed blocks
   * since `since` with clicks whose pairs are not built or were built before clicks arrived late; and `link_group`
   * blocks of any age built before the workspace's links last changed folder or tags.
   */
  async pendingBlocks(since: Date, now: Date, limit: number): Promise<PendingPairBlock[]> {
    return this.pending<PendingPairBlock>(
      EVENTS_BY_BLOCK,
      ['start_day', 'days'],
      'click_pair_rollup_blocks',
      since,
      now,
      limit,
    );
  }

  /**
   * (Re)builds one kind of a workspace's block from its parts' pairs (its days for the smallest blocks, else its two
   * halves); false (nothing done) while a part is not built and current. The halves and the block's click count are read in one snapshot.
   */
  async buildBlock({ workspaceId, start, days, kind }: PendingPairBlock): Promise<boolean> {
    const { filters } = BUILD[kind];
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query(
        `SELECT pg_advisory_xact_lock(hashtext('click_pair_rollup_blocks'), hashtext($1 || $2 || $3 || $4))`,
        [workspaceId, start, days, kind],
      );
      const tables = { days: 'click_pair_rollup_days', blocks: 'click_pair_rollup_blocks' };
      const [{ missing }]: { missing: number }[] = await manager.query(
        partsNotCurrent(days, tables, `built.kind = $4 AND ${CURRENT_MEMBERSHIP}`),
        [workspaceId, start, days, kind],
      );
      if (missing > 0) return false;
      await manager.query(
        `DELETE FROM click_pair_rollups_blocks WHERE workspace_id = $1 AND start_day = $2 AND days = $3 AND ${filters}`,
        [workspaceId, start, days],
      );
      await manager.query(
        `DELETE FROM click_pair_rollup_blocks WHERE workspace_id = $1 AND start_day = $2 AND days = $3 AND kind = $4`,
        [workspaceId, start, days, kind],
      );
      await manager.query(
        `WITH pairs AS (
           INSERT INTO click_pair_rollups_blocks (workspace_id, filter_dimension, filter_value, dimension, start_day, days, value, clicks, unique_visitors, bot_clicks)
           SELECT $1::varchar, filter_dimension, filter_value, dimension, $2::date, $3::int, value, sum(clicks), sum(unique_visitors), sum(bot_clicks)
             ${partRows(days, { days: 'click_pair_rollups_daily', blocks: 'click_pair_rollups_blocks' })} AND ${filters}
            GROUP BY filter_dimension, filter_value, dimension, value
            ORDER BY filter_dimension, filter_value, dimension, value
         )
         INSERT INTO click_pair_rollup_blocks (workspace_id, start_day, days, kind, events, links_version)
         SELECT $1::varchar, $2::date, $3::int, $4::varchar, (${periodEvents('$3::int')}), CASE WHEN $4::varchar = 'link_group' THEN ${MEMBERSHIP_VERSION} END`,
        [workspaceId, start, days, kind],
      );
      return true;
    });
  }

  /** The blocks lying within the days [from, to) whose pairs of that kind are current (or that have no click), as `start/days`. */
  async currentBlocks(workspaceId: string, kind: PairRollupKind, from: string, to: string): Promise<Set<string>> {
    return currentBlocks(this.dataSource, {
      table: 'click_pair_rollup_blocks',
      workspaceId,
      from,
      to,
      match: `built.kind = $4 AND ${CURRENT_MEMBERSHIP}`,
      parameters: [kind],
    });
  }

  /**
   * Refreshes the planner's statistics of the pair tables: after a backfill they describe tables a fraction of
   * the size, and plans chosen on them read every folder's pairs instead of walking the key (10× slower).
   */
  async analyze(): Promise<void> {
    await this.dataSource.query(
      `ANALYZE click_pair_rollups_daily, click_pair_rollups_blocks, click_pair_rollup_days, click_pair_rollup_blocks`,
    );
  }

  /** Rows of `periods` (workspace_id, the `key` columns, events) to build in the state table `table`, as pendingDays says. */
  private pending<Row>(
    periods: string,
    key: string[],
    table: string,
    since: Date,
    now: Date,
    limit: number,
  ): Promise<Row[]> {
    const same = key.map((column) => `built.${column} = periods.${column}`).join(' AND ');
    const output = key
      .map((column) =>
        column === 'days' ? 'days' : `to_char(${column}, 'YYYY-MM-DD') AS ${column === 'day' ? 'day' : 'start'}`,
      )
      .join(', ');
    return this.dataSource.query(
      `WITH periods AS (${periods}),
       pending AS (
         SELECT periods.workspace_id, ${key.map((column) => `periods.${column}`).join(', ')}, kinds.kind
           FROM periods CROSS JOIN (VALUES ('dimension'), ('link_group')) AS kinds (kind)
           LEFT JOIN ${table} built ON built.workspace_id = periods.workspace_id AND ${same} AND built.kind = kinds.kind
          WHERE built.events IS DISTINCT FROM periods.events
         UNION
         SELECT built.workspace_id, ${key.map((column) => `built.${column}`).join(', ')}, built.kind
           FROM ${table} built LEFT JOIN link_membership_versions versions ON versions.workspace_id = built.workspace_id
          WHERE built.kind = 'link_group' AND built.links_version IS DISTINCT FROM coalesce(versions.version, 0)
       )
       SELECT workspace_id AS "workspaceId", ${output}, kind FROM pending
        ORDER BY ${key.includes('days') ? 'days, ' : ''}${key[0]} DESC, workspace_id, kind
        LIMIT $3`,
      [...closedDays(since, now), limit],
    );
  }
}
