import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  Block,
  closedDays,
  currentBlocks,
  EVENTS_BY_BLOCK,
  FIRST_BLOCK_SIZE,
  partRows,
  partsNotCurrent,
  periodEvents,
} from './compaction-periods';

/** A workspace's closed block of UTC days (compaction-periods BLOCK_SIZES). */
export interface PendingBlock extends Block {
  workspaceId: string;
}

/**
 * The block rollups (LinkClickRollupBlockEntity, WorkspaceDimensionRollupBlockEntity): which closed blocks need
 * building, building one from its halves, and which blocks a query may read.
 */
@Injectable()
export class BlockRollupsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Blocks over before today, since `since`, with clicks, not built or changed since; the smallest first (a block
   * is built from its halves), then the newest.
   */
  async pendingBlocks(since: Date, now: Date, limit: number): Promise<PendingBlock[]> {
    return this.dataSource.query(
      `SELECT blocks.workspace_id AS "workspaceId", to_char(blocks.start_day, 'YYYY-MM-DD') AS start, blocks.days
         FROM (${EVENTS_BY_BLOCK}) AS blocks
         LEFT JOIN rollup_blocks built ON built.workspace_id = blocks.workspace_id AND built.start_day = blocks.start_day AND built.days = blocks.days
        WHERE built.events IS DISTINCT FROM blocks.events
        ORDER BY blocks.days, blocks.start_day DESC, blocks.workspace_id
        LIMIT $3`,
      [...closedDays(since, now), limit],
    );
  }

  /**
   * (Re)builds a workspace's block from its parts — the daily rollups of its days (the smallest blocks), or its two
   * half blocks when they are current; false (nothing done) otherwise. Builds of one block on several instances queue on a lock; the
   * halves, the block and its click count are read in one snapshot.
   */
  async buildBlock({ workspaceId, start, days }: PendingBlock): Promise<boolean> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('rollup_blocks'), hashtext($1 || $2 || $3))`, [
        workspaceId,
        start,
        days,
      ]);
      const parameters = [workspaceId, start, days];
      if (days > FIRST_BLOCK_SIZE) {
        const [{ missing }]: { missing: number }[] = await manager.query(
          partsNotCurrent(days, { days: '', blocks: 'rollup_blocks' }),
          parameters,
        );
        if (missing > 0) return false;
      }
      for (const table of ['link_click_rollups_blocks', 'workspace_dimension_rollups_blocks', 'rollup_blocks']) {
        await manager.query(
          `DELETE FROM ${table} WHERE workspace_id = $1 AND start_day = $2 AND days = $3`,
          parameters,
        );
      }
      const counts = 'sum(clicks), sum(unique_visitors), sum(bot_clicks)';
      const parts = (table: string) => partRows(days, { days: `${table}_daily`, blocks: `${table}_blocks` });
      await manager.query(
        `WITH links AS (
           INSERT INTO link_click_rollups_blocks (link_id, workspace_id, start_day, days, clicks, unique_visitors, bot_clicks)
           SELECT link_id, $1::varchar, $2::date, $3::int, ${counts} ${parts('link_click_rollups')} GROUP BY link_id ORDER BY link_id
         ),
         dimensions AS (
           INSERT INTO workspace_dimension_rollups_blocks (workspace_id, dimension, start_day, days, value, clicks, unique_visitors, bot_clicks)
           SELECT $1::varchar, dimension, $2::date, $3::int, value, ${counts} ${parts('workspace_dimension_rollups')}
            GROUP BY dimension, value ORDER BY dimension, value
         )
         INSERT INTO rollup_blocks (workspace_id, start_day, days, events) SELECT $1::varchar, $2::date, $3::int, (${periodEvents('$3::int')})`,
        parameters,
      );
      return true;
    });
  }

  /** Refreshes the planner's statistics of the block tables (after a backfill, as PairRollupsRepository.analyze). */
  async analyze(): Promise<void> {
    await this.dataSource.query(`ANALYZE link_click_rollups_blocks, workspace_dimension_rollups_blocks, rollup_blocks`);
  }

  /** The blocks lying within the days [from, to) whose rollups are current (or that have no click), as `start/days`. */
  currentBlocks(workspaceId: string, from: string, to: string): Promise<Set<string>> {
    return currentBlocks(this.dataSource, { table: 'rollup_blocks', workspaceId, from, to });
  }
}
