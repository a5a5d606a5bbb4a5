import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { WorkspaceEntity } from './workspace.entity';

/**
 * Monthly usage counters for quotas that count creations, not rows: a link deleted this month still used
 * one of the month's "new links".
 */
@Entity('workspace_usage')
export class WorkspaceUsageEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  workspaceId: string;

  /** First day of the month (UTC). */
  @PrimaryColumn({ type: 'date' })
  month: string;

  @Column({ type: 'integer', default: 0 })
  linksCreated: number;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: WorkspaceEntity;
}
