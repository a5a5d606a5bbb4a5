import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { LinkEntity } from './link.entity';

const bigintAsNumber = { to: (value: number) => value, from: (value: string | null) => Number(value ?? 0) };

/**
 * Clicks of one link in one UTC hour, kept current by the click writer (in the transaction that inserts
 * the raw events). `clicks` and `uniqueVisitors` exclude bots; `botClicks` counts them apart.
 */
@Entity('link_click_rollups_hourly')
@Index('link_click_rollups_hourly_workspace_hour_idx', ['workspaceId', 'hour'])
export class LinkClickRollupHourlyEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  linkId: string;

  @Column({ type: 'varchar', length: 32 })
  workspaceId: string;

  /** Start of the UTC hour. */
  @PrimaryColumn({ type: 'timestamptz' })
  hour: Date;

  @Column({ type: 'bigint', default: 0, transformer: bigintAsNumber })
  clicks: number;

  /**
   * Visitors first seen on this link this UTC day, counted in the hour of their first click. Visitor hashes
   * are salted per day, so the sum over a day's hours is that day's unique visitors.
   */
  @Column({ type: 'bigint', default: 0, transformer: bigintAsNumber })
  uniqueVisitors: number;

  @Column({ type: 'bigint', default: 0, transformer: bigintAsNumber })
  botClicks: number;

  @ManyToOne(() => LinkEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'link_id' })
  link?: LinkEntity;
}
