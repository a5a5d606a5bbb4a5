import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from './user.entity';
import { WorkspaceEntity } from './workspace.entity';

export type Role = 'owner' | 'admin' | 'member';

@Entity('memberships')
@Index('memberships_user_id_idx', ['userId'])
export class MembershipEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  workspaceId: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  userId: string;

  @Column({ type: 'varchar', length: 16 })
  role: Role;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: WorkspaceEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;
}
