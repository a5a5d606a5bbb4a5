import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ClicksRepository } from './clicks.repository';

const DAY_MS = 86_400_000;
/** The current month and the next one always exist: a month's partition is ready long before its first click. */
const MONTHS_AHEAD = 1;

/**
 * Keeps the monthly partitions of click_events ahead of time: at boot, then daily (see the
 * ClickEventsPartitioned migration). Rows no partition covers land in the default partition, so a failure
 * here loses nothing; the next run moves them into their month.
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
  }
}
