import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { bigintAsNumber, ClickCounters } from './click-counters';
import { LinkEntity } from './link.entity';
import { WorkspaceEntity } from './workspace.entity';

/**
 * Clicks of one link in one closed block of UTC days: `days` (4, 8, 16… 512) days from `startDay`, a multiple of
 * `days` days after 1970-01-01, so blocks nest like the nodes of a binary tree. A window of n days is read as at
 * most ~log2(n) blocks and days, some subtracted ("the last 90 days" reads ~6 rows per link instead of 90). Built
 * by the analytics compaction job once the block is over (RollupBlockEntity); goes with its link.
 */
@Entity('link_click_rollups_blocks')
@Index('link_click_rollups_blocks_link_idx', ['linkId'])
export class LinkClickRollupBlockEntity extends ClickCounters {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  workspaceId: string;

  /** The first UTC day of the block, `YYYY-MM-DD`. */
  @PrimaryColumn({ type: 'date' })
  startDay: string;

  /** Its length in days, a power of two. */
  @PrimaryColumn({ type: 'smallint' })
  days: number;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  linkId: string;

  @ManyToOne(() => LinkEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'link_id' })
  link?: LinkEntity;
}

/** The same for WorkspaceDimensionRollupDailyEntity: a workspace's clicks by dimension value in one closed block of days. */
@Entity('workspace_dimension_rollups_blocks')
export class WorkspaceDimensionRollupBlockEntity extends ClickCounters {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  workspaceId: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  dimension: string;

  @PrimaryColumn({ type: 'date' })
  startDay: string;

  @PrimaryColumn({ type: 'smallint' })
  days: number;

  @PrimaryColumn({ type: 'text' })
  value: string;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: WorkspaceEntity;
}

/**
 * A workspace's block built into the block rollups, and its clicks (bots included) in the hourly rollup then:
 * analytics read the block while that count is unchanged, smaller blocks or days otherwise.
 */
@Entity('rollup_blocks')
export class RollupBlockEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  workspaceId: string;

  @PrimaryColumn({ type: 'date' })
  startDay: string;

  @PrimaryColumn({ type: 'smallint' })
  days: number;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  events: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  builtAt: Date;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: WorkspaceEntity;
}
