import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { bigintAsNumber, ClickCounters } from './click-counters';
import { WorkspaceEntity } from './workspace.entity';

/**
 * Clicks of a workspace on one UTC day by a value of a filter dimension (country `US`) and a value of
 * another dimension (browser `Chrome`, or `link` and a link id): "the browsers of the US clicks" without
 * reading raw events. The same for the links now in a folder or carrying a tag (`folder` / `tag` and its
 * id), which would otherwise sum the per-link rollups of hundreds of links. Values follow ClickRollupDailyEntity; a visitor is unique on its first click of the
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

  /** One of the analytics filter dimensions (DimensionFilter), or `folder` / `tag` (kind `link_group`). */
  @PrimaryColumn({ type: 'varchar', length: 32 })
  filterDimension: string;

  @PrimaryColumn({ type: 'text' })
  filterValue: string;

  /**
   * A ClickDimension other than filterDimension, or `link`; for folders and tags also `hour` (value: the UTC
   * hour, `YYYY-MM-DDTHH:00:00Z`), from which their totals and charts come.
   */
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

/** What a built day holds: pairs keyed by a click dimension value, or by a folder or tag of the links as they are now. */
export type PairRollupKind = 'dimension' | 'link_group';

/**
 * A workspace's UTC day built into ClickPairRollupDailyEntity (one row per kind), and what it was built
 * from: the day's clicks (bots included) in the hourly rollup, and for `link_group` the workspace's link
 * membership version (LinkMembershipVersionEntity).
 */
@Entity('click_pair_rollup_days')
export class ClickPairRollupDayEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  workspaceId: string;

  @PrimaryColumn({ type: 'date' })
  day: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  kind: PairRollupKind;

  /** Clicks and bot clicks of the day when it was built. */
  @Column({ type: 'bigint', transformer: bigintAsNumber })
  events: number;

  /** `link_group` days: the membership version they were built with. */
  @Column({ type: 'bigint', nullable: true, transformer: bigintAsNumber })
  linksVersion: number | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  builtAt: Date;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: WorkspaceEntity;
}

/**
 * Counts the changes of which links sit in which folder or carry which tag, among links that have clicks
 * (a folder or tag change, a tag assigned or removed, a link deleted). Database triggers keep it (see the
 * LinkGroupPairRollups migration), so no code path can forget it; pair rollups of folders and tags built
 * under an older version are not read.
 */
@Entity('link_membership_versions')
export class LinkMembershipVersionEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  workspaceId: string;

  @Column({ type: 'bigint', default: 0, transformer: bigintAsNumber })
  version: number;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: WorkspaceEntity;
}

/**
 * ClickPairRollupDailyEntity summed over a closed block of UTC days (as LinkClickRollupBlockEntity: 4, 8… 512 days
 * from a multiple of that many days after 1970-01-01), built by the compaction job from its days or two halves once they
 * are built and current (ClickPairRollupBlockStateEntity): "the links of the US clicks over 90 days" reads ~6
 * rows per link instead of 90.
 */
@Entity('click_pair_rollups_blocks')
@Index('click_pair_rollups_blocks_workspace_start_idx', ['workspaceId', 'startDay'])
export class ClickPairRollupBlockEntity extends ClickCounters {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  workspaceId: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  filterDimension: string;

  @PrimaryColumn({ type: 'text' })
  filterValue: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  dimension: string;

  @PrimaryColumn({ type: 'date' })
  startDay: string;

  @PrimaryColumn({ type: 'smallint' })
  days: number;

  @PrimaryColumn({ type: 'text' })
  value: string;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: WorkspaceEntity;
}

/** A workspace's block built into ClickPairRollupBlockEntity (one row per kind), as ClickPairRollupDayEntity for days. */
@Entity('click_pair_rollup_blocks')
export class ClickPairRollupBlockStateEntity {
  @PrimaryColumn({ type: 'varchar', length: 32 })
  workspaceId: string;

  @PrimaryColumn({ type: 'date' })
  startDay: string;

  @PrimaryColumn({ type: 'smallint' })
  days: number;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  kind: PairRollupKind;

  @Column({ type: 'bigint', transformer: bigintAsNumber })
  events: number;

  @Column({ type: 'bigint', nullable: true, transformer: bigintAsNumber })
  linksVersion: number | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  builtAt: Date;

  @ManyToOne(() => WorkspaceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workspace_id' })
  workspace?: WorkspaceEntity;
}
