import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { LinkEntity } from './link.entity';
import { ClickCounters } from './click-counters';

/**
 * Clicks of one link in one UTC hour, kept current by the click writer (in the transaction that inserts
 * the raw events). `clicks` and `uniqueVisitors` exclude bots; `botClicks` counts them apart.
 */
@Entity('link_click_rollups_hourly')
@Index('link_click_rollups_hourly_workspace_hour_idx', ['workspaceId', 'hour'])
export class LinkClickRollupHourlyEntity extends ClickCounters {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  linkId: string;

  @Column({ type: 'varchar', length: 32 })
  workspaceId: string;

  /** Start of the UTC hour. */
  @PrimaryColumn({ type: 'timestamptz' })
  hour: Date;

  /**
   * No foreign key: the click writer locks its batch's links before writing (a key check per inserted row
   * only repeated that), and the links' delete trigger takes the rows along (ClickWritePath migration).
   */
  @ManyToOne(() => LinkEntity, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'link_id' })
  link?: LinkEntity;
}
