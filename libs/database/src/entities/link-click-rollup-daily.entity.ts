import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { LinkEntity } from './link.entity';
import { ClickCounters } from './click-counters';

/**
 * Clicks of one link on one UTC day: a report by link over months reads one row per link and day instead
 * of 24. Kept by the click writer, like LinkClickRollupHourlyEntity.
 */
@Entity('link_click_rollups_daily')
@Index('link_click_rollups_daily_workspace_day_idx', ['workspaceId', 'day'])
export class LinkClickRollupDailyEntity extends ClickCounters {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  linkId: string;

  @Column({ type: 'varchar', length: 32 })
  workspaceId: string;

  /** UTC day, `YYYY-MM-DD`. */
  @PrimaryColumn({ type: 'date' })
  day: string;

  /**
   * No foreign key: the click writer locks its batch's links before writing (a key check per inserted row
   * only repeated that), and the links' delete trigger takes the rows along (ClickWritePath migration).
   */
  @ManyToOne(() => LinkEntity, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'link_id' })
  link?: LinkEntity;
}
