import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A person (email + password) or a machine user that only acts through its API keys. */
@Entity('users')
@Index('users_email_key', ['email'], { unique: true, where: 'email IS NOT NULL' })
export class UserEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  id: string;

  /** Lower-cased; null for machine users. */
  @Column({ type: 'varchar', length: 320, nullable: true })
  email: string | null;

  /** argon2id; null for machine users, who cannot log in. */
  @Column({ type: 'text', nullable: true })
  passwordHash: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  name: string | null;

  @Column({ type: 'boolean', default: false })
  isMachine: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
