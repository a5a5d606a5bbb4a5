import { Injectable } from '@nestjs/common';
import type { ClickEvent } from './click-event';
import type { ClickWriter } from './click-writer';
import { ClicksRepository } from './clicks.repository';

/** Writes each batch, its rollups and the links' counters in one transaction. */
@Injectable()
export class DatabaseClickWriter implements ClickWriter {
  constructor(private readonly repository: ClicksRepository) {}

  async write(events: ClickEvent[]): Promise<void> {
    await this.repository.writeBatch(events);
  }
}
