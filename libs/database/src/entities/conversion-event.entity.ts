import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { CustomerEntity } from './customer.entity';
import { LinkEntity } from './link.entity';
import { WorkspaceEntity } from './workspace.entity';

export type ConversionType = 'lead' | 'sale';

/**
 * A lead or a sale, attributed to a link. The dimensions of the click it came from (country, device,
 * referrer, UTM…) are copied onto it, so analytics can break conversions down exactly like clicks.
 * Idempotency keys are unique per workspace, forever.
 */
@Entity('conversion_events')
@Index('conversion_events_event_id_key', ['workspaceId', 'eventId'], { unique: true, where: 'event_id IS NOT NULL' })
@Index('conversion_events_invoice_id_key', ['workspaceId', 'invoiceId'], {
  unique: true,
  where: 'invoice_id IS NOT NULL',
})
@Index('conversion_events_provider_event_key', ['workspaceId', 'provider', 'providerEventId'], {
  unique: true,
  where: 'provider_event_id IS NOT NULL',
})
@Index('conversion_events_workspace_time_idx', ['workspaceId', 'time', 'id'])
@Index('conversion_events_link_time_idx', ['linkId', 'time'])
@Index('conversion_events_customer_idx', ['customerId'])
export class ConversionEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  id: string;

  @Column({ type: 'varchar', length: 32 })
  workspaceId: string;

  @Column({ type: 'varchar', length: 8 })
  type: ConversionType;

  @Column({ type: 'varchar', length: 255 })
  eventName: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  time: Date;

  @Column({ type: 'varchar', length: 32 })
  customerId: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  linkId: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  clickId: string | null;

  /** Sales: integer amount in the currency's minor units. */
  @Column({
    type: 'bigint',
    nullable: true,
    transformer: {
      to: (value: number | null) => value,
      from: (value: string | null) => (value === null ? null : Number(value)),
    },
  })
  amount: number | null;

  /** Sales: ISO 4217 code, upper-case. */
  @Column({ type: 'char', length: 3, nullable: true })
  currency: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  invoiceId: string | null;

  /** The caller's idempotency key. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  eventId: string | null;

  /** Payment provider (e.g. stripe) and its event id: a second idempotency key. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  provider: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  providerEventId: string | null;

  /** The provider's signature header, kept as received. */
  @Column({ type: 'text', nullable: true })
  providerSignature: string | null;

  @Column({ type: 'jsonb', nullable: true })
  metadata: Record<string, unknown> | null;

  // Dimensions of the originating click: the short domain it came through, then those of the visitor.
  @Column({ type: 'varchar', length: 253, nullable: true })
  domain: string | null;

  @Column({ type: 'varchar', length: 2, nullable: true })
  country: string | null;

  @Column({ type: 'text', nullable: true })
  region: string | null;

  @Column({ type: 'text', nullable: true })
  city: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  device: string | null;

  @Column({ type: 'text', nullable: true })
  browser: string | null;

  @Column({ type: 'text', nullable: true })
  os: string | null;

  @Column({ type: 'text', nullable: true })
  referrer: string | null;

  @Column({ type: 'text', nullable: true })
  referrerDomain: string | null;

  @Column({ type: 'text', nullable: true })
  utmSource: string | null;

  @Column({ type: 'text', nullable: true })
  utmMedium: string | null;

  @Column({ type: 'text', nullable: true })
  utmCampaign: string | null;

  @Column({ type: 'text', nullable: true })
  utmTerm: string | null;

  @Column({ type: 'text', nullable: true })
  utmContent: string | null;

  /** The A/B test variant (its URL) of the click the conversion is attributed to. */
  @Column({ type: 'text', nullable: true })
  variant: string | null;

  /** Which of its link's destinations the click used (web, geo, ios, android, app). */
  @Column({ type: 'text', nullable: true })
  destinationType: string | null;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: WorkspaceEntity;

  @ManyToOne(() => CustomerEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_id' })
  customer?: CustomerEntity;

  @ManyToOne(() => LinkEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'link_id' })
  link?: LinkEntity | null;
}
