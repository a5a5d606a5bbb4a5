import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { WorkspaceEntity } from './workspace.entity';

@Entity('utm_templates')
@Index('utm_templates_workspace_name_key', { synchronize: false })
@Index('utm_templates_workspace_idx', ['workspaceId', 'createdAt'])
export class UtmTemplateEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  workspaceId: string;

  /** Unique per workspace, case-insensitively (index on lower(name), created by the migration). */
  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  utmSource: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  utmMedium: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  utmCampaign: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  utmTerm: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  utmContent: string | null;

  /** `ref` query parameter added to the destination. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  ref: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: WorkspaceEntity;
}
