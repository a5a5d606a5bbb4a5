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
import { LinkEntity } from './link.entity';
import { WorkspaceEntity } from './workspace.entity';

/** A customer known by the workspace's own id, attributed to the link whose click led to their first lead. */
@Entity('customers')
@Index('customers_workspace_external_id_key', ['workspaceId', 'externalId'], { unique: true })
@Index('customers_link_idx', ['linkId'])
export class CustomerEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  workspaceId: string;

  @Column({ type: 'varchar', length: 255 })
  externalId: string;

  @Column({ type: 'varchar', length: 255, nullable: true })
  name: string | null;

  @Column({ type: 'varchar', length: 320, nullable: true })
  email: string | null;

  /** The attributed link (null once that link is deleted). */
  @Column({ type: 'varchar', length: 32, nullable: true })
  linkId: string | null;

  /** The click the lead came from. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  clickId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: WorkspaceEntity;

  @ManyToOne(() => LinkEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'link_id' })
  link?: LinkEntity | null;
}
