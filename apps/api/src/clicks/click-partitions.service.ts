import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { PLANS } from '@app/plans';
import { ClicksRepository } from './clicks.repository';

const DAY_MS = 86_400_000;
/** The current month and the next one always exist: a month's partition is ready long before its first click. */
const MONTHS_AHEAD = 1;
/** Clicks are kept as long as the longest plan retention (a workspace may move up to that plan). */
export const LONGEST_RETENTION_DAYS = Math.max(...Object.values(PLANS).map((plan) => plan.analyticsRetentionDays));

/**
 * Keeps the monthly partitions of click_events ahead of time: at boot, then daily (see the
 * ClickEventsPartitioned migration). Rows no partition covers land in the default partition, so a failure
 * here loses nothing; the next run moves them into their month. The same daily run applies retention:
 * months older than the longest plan retention are dropped whole.
 */
@Injectable()
export class ClickPartitionsService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('ClickPartitions');
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly repository: ClicksRepository) {}

  async onModuleInit(): Promise<void> {
    await this.ensure();
    this.timer = setInterval(() => void this.ensure(), DAY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async ensure(): Promise<void> {
    try {
      await this.repository.ensurePartitions(MONTHS_AHEAD);
    } catch (error) {
      this.logger.error(`Could not create click_events partitions: ${(error as Error).message}`);
    }
    try {
      const dropped = await this.repository.dropBefore(new Date(Date.now() - LONGEST_RETENTION_DAYS * DAY_MS));
      if (dropped.length > 0) this.logger.log(`Retention: dropped ${dropped.join(', ')}`);
    } catch (error) {
      this.logger.error(`Could not apply click retention: ${(error as Error).message}`);
    }
  }
}
