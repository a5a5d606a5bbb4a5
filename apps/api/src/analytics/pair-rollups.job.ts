import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '@app/common';
import { LONGEST_RETENTION_DAYS } from '../clicks/click-partitions.service';
import { PairRollupsRepository } from './pair-rollups.repository';

const DAY_MS = 86_400_000;
/** The first run waits a little: a booting instance has better things to do. */
const FIRST_RUN_DELAY_MS = 60_000;
/** Days looked at after the first run: late clicks older than this leave their day on the raw events. */
const LOOKBACK_DAYS = 35;
/** Days built per run at most, so a backfill spreads over runs. */
const DAYS_PER_RUN = 200;

/**
 * Builds the pair rollups (ClickPairRollupDailyEntity) of every workspace's closed UTC days: every
 * PAIR_ROLLUPS_INTERVAL_MS (10 minutes; 0 turns the timer off), the days of the last 35 that have clicks and are not built or changed since; the first run
 * after boot looks back over the longest plan retention (a backfill). Instances may run it together:
 * builds of one day queue on a lock, and a day built twice is the same day. Analytics never depend on it
 * for exactness — a day not built is read from the raw events — only for speed.
 */
@Injectable()
export class PairRollupsJob implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('PairRollups');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private firstRunDone = false;

  private readonly intervalMs: number;

  constructor(
    private readonly repository: PairRollupsRepository,
    config: AppConfig,
  ) {
    this.intervalMs = config.PAIR_ROLLUPS_INTERVAL_MS;
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

  /** Builds what is pending now; returns how many days were built. One run at a time per instance. */
  runOnce(now = new Date()): Promise<number> {
    this.running ??= this.build(now).finally(() => (this.running = null));
    return this.running;
  }

  private tick(): void {
    void this.runOnce()
      .catch((error: Error) => this.logger.error(`Could not build pair rollups: ${error.message}`))
      .finally(() => {
        if (this.timer === null) return;
        this.timer = setTimeout(() => this.tick(), this.intervalMs);
        this.timer.unref();
      });
  }

  private async build(now: Date): Promise<number> {
    const lookback = this.firstRunDone ? LOOKBACK_DAYS : LONGEST_RETENTION_DAYS;
    const pending = await this.repository.pendingDays(new Date(now.getTime() - lookback * DAY_MS), now, DAYS_PER_RUN);
    for (const day of pending) await this.repository.buildDay(day);
    this.firstRunDone = true;
    if (pending.length > 0) this.logger.log(`Built the pair rollups of ${pending.length} workspace days`);
    return pending.length;
  }
}
