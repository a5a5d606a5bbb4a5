import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * The random salt of the visitor hash for one UTC day, shared by every instance (the first one to need it
 * inserts it). Salts older than yesterday are deleted, so past hashes cannot be matched to an IP any more.
 */
@Entity('click_salts')
export class ClickSaltEntity {
  @PrimaryColumn({ type: 'date' })
  day: string;

  /** 32 random bytes, hex. */
  @Column({ type: 'varchar', length: 64 })
  salt: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
