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
import { LinkFolderEntity } from './link-folder.entity';
import { UserEntity } from './user.entity';
import { WorkspaceEntity } from './workspace.entity';
import { bigintAsNumber } from './click-counters';
import type { LinkSocialPreview } from './link-social-preview';

/** One destination of a link's A/B test and its share of the visitors, in percent. */
export interface TestVariant {
  url: string;
  weight: number;
}

/** A short link: `domain/slug` → `url`, with its controls and its click counters. */
@Entity('links')
@Index('links_domain_slug_key', ['domain', 'slug'], { unique: true })
@Index('links_workspace_external_id_key', ['workspaceId', 'externalId'], {
  unique: true,
  where: 'external_id IS NOT NULL',
})
@Index('links_workspace_created_idx', ['workspaceId', 'createdAt', 'id'])
@Index('links_folder_idx', ['folderId'])
export class LinkEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  workspaceId: string;

  /** Host of the short link: the default short domain or a custom domain, lower-case. */
  @Column({ type: 'varchar', length: 253 })
  domain: string;

  @Column({ type: 'varchar', length: 190 })
  slug: string;

  /** Destination (http/https). */
  @Column({ type: 'text' })
  url: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  title: string | null;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  description: string | null;

  /** Social preview served to link-preview crawlers; null = none. */
  @Column({ type: 'jsonb', nullable: true })
  og: LinkSocialPreview | null;

  /** The caller's own id for the link, unique per workspace; usable as `ext_<id>`. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  externalId: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  folderId: string | null;

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

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'text', nullable: true })
  expiredUrl: string | null;

  /** argon2id of the link password; null = not protected. */
  @Column({ type: 'text', nullable: true })
  passwordHash: string | null;

  /** Destination for iOS devices. */
  @Column({ type: 'text', nullable: true })
  ios: string | null;

  /** Destination for Android devices. */
  @Column({ type: 'text', nullable: true })
  android: string | null;

  /** Destinations by ISO 3166-1 alpha-2 country code. */
  @Column({ type: 'jsonb', nullable: true })
  geo: Record<string, string> | null;

  @Column({ type: 'boolean', default: false })
  trackConversion: boolean;

  @Column({ type: 'boolean', default: false })
  archived: boolean;

  // A/B test: the variants share the link's visitors by weight until testEndsAt, then the winner takes them all.

  /** 2–4 destinations with integer weights summing to 100; null = no test. */
  @Column({ type: 'jsonb', nullable: true })
  testVariants: TestVariant[] | null;

  @Column({ type: 'timestamptz', nullable: true })
  testEndsAt: Date | null;

  /** The variant every visitor gets after testEndsAt: chosen by the user, or picked by the server (testPickWinner). */
  @Column({ type: 'text', nullable: true })
  winnerUrl: string | null;

  /** After testEndsAt, the server picks the variant with the best conversion rate into winnerUrl. */
  @Column({ type: 'boolean', default: false })
  testPickWinner: boolean;

  /** Non-bot clicks, kept current by the click writer. */
  @Column({ type: 'bigint', default: 0, transformer: bigintAsNumber })
  clicks: number;

  @Column({ type: 'timestamptz', nullable: true })
  lastClickedAt: Date | null;

  /** The user or machine user who created it. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: WorkspaceEntity;

  @ManyToOne(() => LinkFolderEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'folder_id' })
  folder?: LinkFolderEntity | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: UserEntity | null;
}
