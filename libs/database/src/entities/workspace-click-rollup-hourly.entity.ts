import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { WorkspaceEntity } from './workspace.entity';
import { ClickCounters } from './click-counters';

/**
 * Clicks of a whole workspace in one UTC hour: the per-link hourly rollup summed over links, so workspace
 * totals and charts read one row per hour instead of one per link and hour. Kept by the click writer.
 */
@Entity('workspace_click_rollups_hourly')
export class WorkspaceClickRollupHourlyEntity extends ClickCounters {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  workspaceId: string;

  /** Start of the UTC hour. */
  @PrimaryColumn({ type: 'timestamptz' })
  hour: Date;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: WorkspaceEntity;
}
