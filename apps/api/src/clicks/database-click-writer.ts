import { Injectable, Logger } from '@nestjs/common';
import { MetricsService } from '@app/common';
import type { ClickEvent } from './click-event';
import type { ClickWriter } from './click-writer';
import { ClicksRepository } from './clicks.repository';
import { writeIsolatingRefused } from './refused-clicks';

/**
 * Writes each batch and the links' counters in one transaction (without REDIS_URL). Clicks
 * PostgreSQL refuses are isolated and dropped, so the recorder never retries a batch that cannot succeed.
 */
@Injectable()
export class DatabaseClickWriter implements ClickWriter {
  private readonly logger = new Logger('DatabaseClickWriter');
  /**
   * The repository sends a batch a slice at a time (SEND_SLICE), so a larger batch holds the event loop no longer,
   * and costs PostgreSQL less per click: one transaction, and each link clicked several times in it updated once.
   * 2,000 cost ~11% less PostgreSQL CPU per click than 1,000 (1,000 links, Zipf); 4,000 only ~2% less again.
   */
  readonly batchSize = 2_000;

  constructor(
    private readonly repository: ClicksRepository,
    private readonly metrics: MetricsService,
  ) {}

  async write(events: ClickEvent[]): Promise<void> {
    const stored = await writeIsolatingRefused(
      events,
      (batch) => this.repository.writeBatch(batch),
      this.metrics,
      this.logger,
    );
    this.metrics.clicksWritten.inc(stored);
  }
}
