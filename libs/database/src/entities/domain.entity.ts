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
import type { DomainApps } from './domain-apps';
import { WorkspaceEntity } from './workspace.entity';

export type DomainStatus = 'pending' | 'verified' | 'failing';

/**
 * A custom short domain. Any workspace may add a host name (pending); once one verifies it through DNS,
 * it is that workspace's alone (partial unique index on verified and failing rows).
 */
@Entity('domains')
@Index('domains_workspace_hostname_key', ['workspaceId', 'hostname'], { unique: true })
@Index('domains_hostname_claimed_key', ['hostname'], { unique: true, where: "status <> 'pending'" })
@Index('domains_workspace_created_idx', ['workspaceId', 'createdAt', 'id'])
export class DomainEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  workspaceId: string;

  /** Lower-case ASCII (punycode for IDN), no trailing dot. */
  @Column({ type: 'varchar', length: 253 })
  hostname: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: DomainStatus;

  /** Expected in the TXT record `_linktrace.<hostname>` as `linktrace-verify=<token>`. */
  @Column({ type: 'varchar', length: 64 })
  verificationToken: string;

  @Column({ type: 'timestamptz', nullable: true })
  verifiedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastCheckedAt: Date | null;

  /** What the last failed check found wrong. */
  @Column({ type: 'text', nullable: true })
  lastCheckError: string | null;

  /** Where unknown slugs on this domain go (instead of the 404 page). */
  @Column({ type: 'text', nullable: true })
  notFoundUrl: string | null;

  /** Where `/` on this domain goes. */
  @Column({ type: 'text', nullable: true })
  rootUrl: string | null;

  /** Where expired links on this domain go when the link has no expiredUrl. */
  @Column({ type: 'text', nullable: true })
  expiredUrl: string | null;

  /** Send `X-Robots-Tag: noindex` on this domain's redirects. */
  @Column({ type: 'boolean', default: false })
  noIndex: boolean;

  /** The iOS and Android apps associated with the domain (deep links); null = none. */
  @Column({ type: 'jsonb', nullable: true })
  apps: DomainApps | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: WorkspaceEntity;
}
