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

/** Every event a webhook can ask for (docs/WEBHOOKS.md). `link.clicked` is only sent when asked for by name. */
export const WEBHOOK_EVENT_TYPES = [
  'link.created',
  'link.updated',
  'link.deleted',
  'link.clicked',
  'lead.created',
  'sale.created',
  'domain.verified',
  'domain.failing',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** An endpoint of a workspace that receives signed events. */
@Entity('webhooks')
@Index('webhooks_workspace_created_idx', ['workspaceId', 'createdAt'])
export class WebhookEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  workspaceId: string;

  @Column({ type: 'varchar', length: 2048 })
  url: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  description: string | null;

  @Column({ type: 'text', array: true })
  eventTypes: WebhookEventType[];

  /** Filter: only events about these links (null: any link). */
  @Column({ type: 'text', array: true, nullable: true })
  linkIds: string[] | null;

  /** Filter: only events about links in this folder. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  folderId: string | null;

  /** Filter: only events about links with this tag. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  tagId: string | null;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  /** Why the server disabled it (410 Gone, too many failed events); null when enabled or disabled by a person. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  disabledReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  /** `whsec_…`: signs every delivery. Stored as is: the server needs it to sign. */
  @Column({ type: 'varchar', length: 100 })
  secret: string;

  /** The secret before the last rotation: it signs alongside the new one until `previousSecretExpiresAt`. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  previousSecret: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  previousSecretExpiresAt: Date | null;

  /** Events in a row whose every attempt failed; reset by a delivered one. */
  @Column({ type: 'integer', default: 0 })
  consecutiveFailures: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: WorkspaceEntity;
}

/** The outbox: one row per event, written in the transaction of the change; `body` is sent byte for byte. */
@Entity('webhook_events')
@Index('webhook_events_created_idx', ['createdAt'])
export class WebhookEventEntity {
  /** `msg_…`, the `webhook-id` header: the same on every attempt and replay. */
  @PrimaryColumn({ type: 'varchar', length: 32 })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  workspaceId: string;

  @Column({ type: 'varchar', length: 32 })
  type: string;

  /** `{ id, type, createdAt, data }` as JSON text. */
  @Column({ type: 'text' })
  body: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: WorkspaceEntity;
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One event for one webhook: the work queue the delivery workers claim from. */
@Entity('webhook_deliveries')
@Index('webhook_deliveries_webhook_created_idx', ['webhookId', 'createdAt'])
@Index('webhook_deliveries_due_idx', ['nextAttemptAt'], { where: `status = 'pending'` })
@Index('webhook_deliveries_finished_idx', ['finishedAt'], { where: `status <> 'pending'` })
export class WebhookDeliveryEntity {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  webhookId: string;

  @Column({ type: 'varchar', length: 32 })
  eventId: string;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: WebhookDeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** When a worker may take it next; a claim moves it past the send timeout, so a crashed worker's claim expires. */
  @Column({ type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastAttemptAt: Date | null;

  @Column({ type: 'integer', nullable: true })
  lastStatusCode: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  /** The first 4 kB of the endpoint's last answer. */
  @Column({ type: 'text', nullable: true })
  lastResponseBody: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @ManyToOne(() => WebhookEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'webhook_id' })
  webhook?: WebhookEntity;

  @ManyToOne(() => WebhookEventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: WebhookEventEntity;
}
