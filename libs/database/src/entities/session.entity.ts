import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { UserEntity } from './user.entity';

/** A dashboard login. Only hashes of the cookie token and CSRF token are stored. */
@Entity('sessions')
@Index('sessions_user_id_idx', ['userId'])
export class SessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  id: string;

  @Index('sessions_token_hash_key', { unique: true })
  @Column({ type: 'char', length: 64 })
  tokenHash: string;

  @Column({ type: 'char', length: 64 })
  csrfHash: string;

  @Column({ type: 'varchar', length: 32 })
  userId: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  userAgent: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;
}
