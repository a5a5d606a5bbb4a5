import { Injectable } from '@nestjs/common';
import { MetricsService } from '@app/common';
import type { ClickEvent } from './click-event';
import type { ClickWriter } from './click-writer';
import { ClicksRepository } from './clicks.repository';

/** Writes each batch, its rollups and the links' counters in one transaction (without REDIS_URL). */
@Injectable()
export class DatabaseClickWriter implements ClickWriter {
  constructor(
    private readonly repository: ClicksRepository,
    private readonly metrics: MetricsService,
  ) {}

  async write(events: ClickEvent[]): Promise<void> {
    this.metrics.clicksWritten.inc(await this.repository.writeBatch(events));
  }
}
