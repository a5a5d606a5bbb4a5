import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { WorkspaceEntity } from './workspace.entity';

const bigintAsNumber = { to: (value: number) => value, from: (value: string | null) => Number(value ?? 0) };

/**
 * Clicks of a whole workspace in one UTC hour: the per-link hourly rollup summed over links, so workspace
 * totals and charts read one row per hour instead of one per link and hour. Kept by the click writer.
 */
@Entity('workspace_click_rollups_hourly')
export class WorkspaceClickRollupHourlyEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  workspaceId: string;

  /** Start of the UTC hour. */
  @PrimaryColumn({ type: 'timestamptz' })
  hour: Date;

  @Column({ type: 'bigint', default: 0, transformer: bigintAsNumber })
  clicks: number;

  /** Sum over links of the visitors first seen on the link that UTC day (see LinkClickRollupHourlyEntity). */
  @Column({ type: 'bigint', default: 0, transformer: bigintAsNumber })
  uniqueVisitors: number;

  @Column({ type: 'bigint', default: 0, transformer: bigintAsNumber })
  botClicks: number;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: WorkspaceEntity;
}
