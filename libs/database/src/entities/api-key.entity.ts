import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from './user.entity';
import { WorkspaceEntity } from './workspace.entity';

export type ApiKeyType = 'secret' | 'publishable';

/**
 * A secret or publishable key. The key itself is never stored: only its SHA-256 hash and a short prefix.
 * Deleting sets `revokedAt` (so the key answers "revoked", not "unknown"); a rotation sets it in the future.
 */
@Entity('api_keys')
@Index('api_keys_workspace_created_idx', ['workspaceId', 'createdAt'])
export class ApiKeyEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  workspaceId: string;

  /** The user the key acts as: its creator, or a machine user. */
  @Column({ type: 'varchar', length: 32 })
  ownerId: string;

  @Column({ type: 'varchar', length: 32 })
  createdById: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'varchar', length: 16 })
  type: ApiKeyType;

  @Index('api_keys_key_hash_key', { unique: true })
  @Column({ type: 'char', length: 64 })
  keyHash: string;

  @Column({ type: 'varchar', length: 24 })
  keyPrefix: string;

  @Column({ type: 'text', array: true })
  scopes: string[];

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  /** Sustained requests per minute; null = the default. */
  @Column({ type: 'integer', nullable: true })
  rateLimit: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  rotatedFromId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: WorkspaceEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id' })
  owner?: UserEntity;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: UserEntity;
}
