import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { ClickDimension } from './click-rollup-daily.entity';
import { WorkspaceEntity } from './workspace.entity';
import { ClickCounters } from './click-counters';

/**
 * Clicks of a whole workspace by one value of one dimension, per UTC day. No link column: a breakdown of
 * a workspace's countries over 90 days reads ~90 rows per country, not one per link. Values follow
 * ClickRollupDailyEntity. Analytics read whole UTC days here and the partial days at a range's edges from
 * WorkspaceDimensionRollupHourlyEntity.
 */
@Entity('workspace_dimension_rollups_daily')
export class WorkspaceDimensionRollupDailyEntity extends ClickCounters {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  workspaceId: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  dimension: ClickDimension;

  /** UTC day, `YYYY-MM-DD`. */
  @PrimaryColumn({ type: 'date' })
  day: string;

  @PrimaryColumn({ type: 'text' })
  value: string;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: WorkspaceEntity;
}

/** The same per UTC hour: the edges of a range that does not start or end on a UTC midnight. */
@Entity('workspace_dimension_rollups_hourly')
export class WorkspaceDimensionRollupHourlyEntity extends ClickCounters {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  workspaceId: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  dimension: ClickDimension;

  /** Start of the UTC hour. */
  @PrimaryColumn({ type: 'timestamptz' })
  hour: Date;

  @PrimaryColumn({ type: 'text' })
  value: string;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: WorkspaceEntity;
}
