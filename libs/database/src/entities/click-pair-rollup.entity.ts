import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { bigintAsNumber, ClickCounters } from './click-counters';
import { WorkspaceEntity } from './workspace.entity';

/**
 * Clicks of a workspace on one UTC day by a value of a filter dimension (country `US`) and a value of
 * another dimension (browser `Chrome`, or `link` and a link id): "the browsers of the US clicks" without
 * reading raw events. Values follow ClickRollupDailyEntity; a visitor is unique on its first click of the
 * day on a link, as everywhere.
 *
 * Not written by the click writer (that would multiply each click's rollup rows by ten): the analytics
 * compaction job builds a workspace's closed UTC day in one set-based statement from its raw events, and
 * records the day in ClickPairRollupDayEntity. Analytics trust a day only while the click count recorded
 * there still equals the workspace's hourly rollups, so a late click sends that day back to the raw events
 * until the job rebuilds it.
 */
@Entity('click_pair_rollups_daily')
@Index('click_pair_rollups_daily_workspace_day_idx', ['workspaceId', 'day'])
export class ClickPairRollupDailyEntity extends ClickCounters {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  workspaceId: string;

  /** One of the analytics filter dimensions (DimensionFilter). */
  @PrimaryColumn({ type: 'varchar', length: 32 })
  filterDimension: string;

  @PrimaryColumn({ type: 'text' })
  filterValue: string;

  /** A ClickDimension other than filterDimension, or `link`. */
  @PrimaryColumn({ type: 'varchar', length: 32 })
  dimension: string;

  /** UTC day, `YYYY-MM-DD`. */
  @PrimaryColumn({ type: 'date' })
  day: string;

  @PrimaryColumn({ type: 'text' })
  value: string;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: WorkspaceEntity;
}

/** A workspace's UTC day built into ClickPairRollupDailyEntity, and the clicks (bots included) it counted. */
@Entity('click_pair_rollup_days')
export class ClickPairRollupDayEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  workspaceId: string;

  @PrimaryColumn({ type: 'date' })
  day: string;

  /** Clicks and bot clicks of the day when it was built. */
  @Column({ type: 'bigint', transformer: bigintAsNumber })
  events: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  builtAt: Date;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: WorkspaceEntity;
}
