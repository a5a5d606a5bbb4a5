import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { LinkEntity } from './link.entity';

/**
 * The visitors (daily salted hashes) seen on a link on a UTC day: the click writer counts a visitor as
 * unique when its row here is new. Bots are not recorded.
 */
@Entity('click_visitors_daily')
@Index('click_visitors_daily_workspace_day_idx', ['workspaceId', 'day'])
export class ClickVisitorDailyEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  linkId: string;

  @Column({ type: 'varchar', length: 32 })
  workspaceId: string;

  @PrimaryColumn({ type: 'date' })
  day: string;

  /** Hex SHA-256 of (salt of the day + IP + user agent). */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  visitorHash: string;

  /**
   * No foreign key: the click writer locks its batch's links before writing (a key check per inserted row
   * only repeated that). A deleted link's rows stay until retention trims their days (nothing reads them).
   */
  @ManyToOne(() => LinkEntity, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'link_id' })
  link?: LinkEntity;
}
