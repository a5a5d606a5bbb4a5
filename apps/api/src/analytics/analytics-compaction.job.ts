import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '@app/common';
import { LONGEST_RETENTION_DAYS } from '../clicks/click-partitions.service';
import { PairRollupsRepository } from './pair-rollups.repository';
import { BlockRollupsRepository } from './block-rollups.repository';

const DAY_MS = 86_400_000;
/** The first run waits a little: a booting instance has better things to do. */
const FIRST_RUN_DELAY_MS = 60_000;
/** Days looked at after the first run: late clicks older than this leave their day to the finer rollups. */
const LOOKBACK_DAYS = 35;
/** Days (of one kind) and blocks built per run at most, so a backfill spreads over runs. */
const BUILDS_PER_RUN = 200;
/** Builds in one run past which the rollup tables' statistics are refreshed (a backfill; a day's builds are left to autovacuum). */
const ANALYZE_AFTER_BUILDS = 20;

/** What one run built. */
export interface CompactionRun {
  /** Workspace days of pair rollups (each kind counts). */
  days: number;
  /** Workspace blocks of block rollups. */
  blocks: number;
  /** Workspace blocks of pair rollups (each kind counts). */
  pairBlocks: number;
}

/**
 * Analytics compaction: builds what the click writer does not keep — the pair rollups of closed UTC days and
 * blocks of days (PairRollupsRepository) and the block rollups (BlockRollupsRepository; blocks of 4, 8… 512 days,
 * compaction-periods) — every ANALYTICS_COMPACTION_INTERVAL_MS (10 minutes; 0 turns the timer off): the days and
 * blocks within the last 35 days that have clicks and are not built or changed since, and the folder and tag
 * pairs of any age built before their links changed. The first run after boot looks back over the longest plan retention (a backfill).
 * Instances may run it together: builds of one day or block queue on a lock, and building twice gives the same
 * rows. After a run that built many (a backfill), the tables' planner statistics are refreshed. Analytics never
 * depend on it for exactness — what is not built (or not current) is read from finer rollups or raw events — only
 * for speed.
 */
@Injectable()
export class AnalyticsCompactionJob implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('AnalyticsCompaction');
  private readonly intervalMs: number;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<CompactionRun> | null = null;
  private firstRunDone = false;

  constructor(
    private readonly pairs: PairRollupsRepository,
    private readonly blocks: BlockRollupsRepository,
    config: AppConfig,
  ) {
    this.intervalMs = config.ANALYTICS_COMPACTION_INTERVAL_MS;
  }

  onModuleInit(): void {
    if (this.intervalMs === 0) return;
    this.timer = setTimeout(() => this.tick(), Math.min(FIRST_RUN_DELAY_MS, this.intervalMs));
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Builds what is pending now. One run at a time per instance. */
  runOnce(now = new Date()): Promise<CompactionRun> {
    this.running ??= this.build(now).finally(() => (this.running = null));
    return this.running;
  }

  private tick(): void {
    void this.runOnce()
      .catch((error: Error) => this.logger.error(`Could not compact analytics: ${error.message}`))
      .finally(() => {
        if (this.timer === null) return;
        this.timer = setTimeout(() => this.tick(), this.intervalMs);
        this.timer.unref();
      });
  }

  private async build(now: Date): Promise<CompactionRun> {
    const since = new Date(now.getTime() - (this.firstRunDone ? LOOKBACK_DAYS : LONGEST_RETENTION_DAYS) * DAY_MS);
    const days = await this.pairs.pendingDays(since, now, BUILDS_PER_RUN);
    for (const day of days) await this.pairs.buildDay(day);
    // Blocks smallest first: each sums its halves, built just before (one whose halves are not current waits).
    let blocks = 0;
    for (const block of await this.blocks.pendingBlocks(since, now, BUILDS_PER_RUN))
      if (await this.blocks.buildBlock(block)) blocks++;
    let pairBlocks = 0;
    for (const block of await this.pairs.pendingBlocks(since, now, BUILDS_PER_RUN))
      if (await this.pairs.buildBlock(block)) pairBlocks++;
    this.firstRunDone = true;
    const builds = days.length + blocks + pairBlocks;
    if (builds >= ANALYZE_AFTER_BUILDS) await Promise.all([this.pairs.analyze(), this.blocks.analyze()]);
    if (builds > 0) {
      this.logger.log(
        `Built ${days.length} workspace days and ${pairBlocks} workspace blocks of pair rollups, ${blocks} workspace blocks of block rollups`,
      );
    }
    return { days: days.length, blocks, pairBlocks };
  }
}
