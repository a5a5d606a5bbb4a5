import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { LinkEntity } from './link.entity';
import { ClickCounters } from './click-counters';

/** Dimensions of the daily rollup, each a column of the raw click events. */
export const CLICK_DIMENSIONS = [
  'domain',
  'country',
  'region',
  'city',
  'device',
  'browser',
  'os',
  'referrer',
  'referrer_url',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
] as const;
export type ClickDimension = (typeof CLICK_DIMENSIONS)[number];

/**
 * Clicks of one link on one UTC day by one value of one dimension (country `DE`, browser `Chrome`…).
 * A click without a value for a dimension is not counted in it, except `referrer` / `referrer_url`, where it
 * counts as `(direct)`. `region` is `<country>|<region>` and `city` is `<country>|<region>|<city>`, so
 * places of the same name in different countries stay apart. A unique visitor counts under the values of
 * its first click of the day. `clicks` and `uniqueVisitors` exclude bots.
 */
@Entity('click_rollups_daily')
@Index('click_rollups_daily_workspace_day_idx', ['workspaceId', 'day', 'dimension'])
export class ClickRollupDailyEntity extends ClickCounters {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  linkId: string;

  @Column({ type: 'varchar', length: 32 })
  workspaceId: string;

  /** UTC day, `YYYY-MM-DD`. */
  @PrimaryColumn({ type: 'date' })
  day: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  dimension: ClickDimension;

  @PrimaryColumn({ type: 'text' })
  value: string;

  /**
   * No foreign key: the click writer locks its batch's links before writing (a key check per inserted row
   * only repeated that), and the links' delete trigger takes the rows along (ClickWritePath migration).
   */
  @ManyToOne(() => LinkEntity, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'link_id' })
  link?: LinkEntity;
}
