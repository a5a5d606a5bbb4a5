import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { bigintAsNumber, ClickCounters } from './click-counters';
import { LinkEntity } from './link.entity';
import { WorkspaceEntity } from './workspace.entity';

/**
 * Clicks of one link in one closed UTC week (Monday to Sunday): the sum of its seven LinkClickRollupDailyEntity
 * rows, so "top links of the last 90 days" reads ~13 rows per link instead of 90. Built by the analytics
 * compaction job once the week is over (RollupWeekEntity); goes with its link.
 */
@Entity('link_click_rollups_weekly')
@Index('link_click_rollups_weekly_workspace_week_idx', ['workspaceId', 'week'])
export class LinkClickRollupWeeklyEntity extends ClickCounters {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  linkId: string;

  @Column({ type: 'varchar', length: 32 })
  workspaceId: string;

  /** The Monday (UTC) the week starts, `YYYY-MM-DD`. */
  @PrimaryColumn({ type: 'date' })
  week: string;

  @ManyToOne(() => LinkEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'link_id' })
  link?: LinkEntity;
}

/** The same for WorkspaceDimensionRollupDailyEntity: a workspace's clicks by dimension value in one closed UTC week. */
@Entity('workspace_dimension_rollups_weekly')
export class WorkspaceDimensionRollupWeeklyEntity extends ClickCounters {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  workspaceId: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  dimension: string;

  /** The Monday (UTC) the week starts. */
  @PrimaryColumn({ type: 'date' })
  week: string;

  @PrimaryColumn({ type: 'text' })
  value: string;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: WorkspaceEntity;
}

/**
 * A workspace's week built into the weekly rollups, and its clicks (bots included) in the hourly rollup then:
 * analytics read the week while that count is unchanged, its days otherwise.
 */
@Entity('rollup_weeks')
export class RollupWeekEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  workspaceId: string;

  @PrimaryColumn({ type: 'date' })
  week: string;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  events: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  builtAt: Date;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: WorkspaceEntity;
}
