import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig, MetricsService } from '@app/common';
import type { ClickEvent } from './click-event';
import { ClickStream, ClickStreamEntry } from './click-stream';
import { ClicksRepository } from './clicks.repository';
import { writeIsolatingRefused } from './refused-clicks';

/** Entries per read; each holds up to a recorder batch (1,000 clicks). */
const READ_COUNT = 10;
/** How long a read waits for new entries: also the longest pause before a reclaim pass. */
const BLOCK_MS = 1_000;
/** Clicks per database statement when several entries are written together. */
const MAX_WRITE = 1_000;
const MAX_RETRY_DELAY_MS = 5_000;
/** Consumers idle this long holding nothing are instances gone for good: they leave the group's list. */
const DEAD_CONSUMER_IDLE_MS = 3_600_000;
const DEAD_CONSUMER_CHECK_INTERVAL_MS = 600_000;
const BASE_RETRY_DELAY_MS = 250;

/**
 * Every instance runs one: it reads click batches from the stream in the consumer group, writes them with
 * ClicksRepository.writeBatch (idempotent on the click id, so an entry delivered twice stores nothing
 * twice), and acknowledges an entry only after its transaction committed. Entries another consumer holds
 * unacknowledged for longer than CLICK_STREAM_CLAIM_IDLE_MS (it was killed, or is stuck) are claimed with
 * XAUTOCLAIM and written here. One thing at a time: read or claim, write, acknowledge.
 */
@Injectable()
export class ClickStreamConsumer implements OnApplicationBootstrap {
  private readonly logger = new Logger('ClickStreamConsumer');
  private running = false;
  private loop: Promise<void> | null = null;
  private consecutiveFailures = 0;
  /** After a failed write, this consumer's own pending entries are read again before new ones. */
  private retryOwnPending = true;
  private ownPendingCursor = '0';
  private nextReclaimAt = 0;
  private nextDeadConsumerCheckAt = 0;
  private readonly reclaimIntervalMs: number;
  private readonly claimIdleMs: number;
  private wake: (() => void) | null = null;

  constructor(
    private readonly stream: ClickStream,
    private readonly repository: ClicksRepository,
    private readonly metrics: MetricsService,
    config: AppConfig,
  ) {
    this.claimIdleMs = config.CLICK_STREAM_CLAIM_IDLE_MS;
    this.reclaimIntervalMs = Math.max(100, Math.min(this.claimIdleMs / 2, 5_000));
  }

  onApplicationBootstrap(): void {
    if (!this.stream.enabled) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops reading, lets the write in progress commit and be acknowledged, then resolves. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake?.();
    await this.stream.interruptRead();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        await this.step();
        this.consecutiveFailures = 0;
      } catch (error) {
        this.consecutiveFailures++;
        this.retryOwnPending = true;
        this.ownPendingCursor = '0';
        const message = (error as Error).message;
        if (message.startsWith('NOGROUP')) await this.stream.ensureGroup().catch(() => undefined);
        this.logger.warn(`Click stream: ${message} (attempt ${this.consecutiveFailures}), retrying`);
        await this.sleep(Math.min(MAX_RETRY_DELAY_MS, BASE_RETRY_DELAY_MS * 2 ** (this.consecutiveFailures - 1)));
      }
    }
  }

  private async step(): Promise<void> {
    if (Date.now() >= this.nextReclaimAt) {
      await this.reclaim();
      await this.updateStats();
      this.nextReclaimAt = Date.now() + this.reclaimIntervalMs;
    }
    if (Date.now() >= this.nextDeadConsumerCheckAt) {
      this.nextDeadConsumerCheckAt = Date.now() + DEAD_CONSUMER_CHECK_INTERVAL_MS;
      const removed = await this.stream.forgetIdleConsumers(Math.max(DEAD_CONSUMER_IDLE_MS, this.claimIdleMs * 10));
      if (removed > 0)
        this.logger.log(
          `Removed ${removed} consumer(s) of instances gone for over an hour from the click stream group`,
        );
    }
    if (this.retryOwnPending) {
      // One pass over this consumer's pending list (entries left unacknowledged on purpose are passed over).
      const own = await this.stream.readOwnPending(READ_COUNT, this.ownPendingCursor);
      if (own.length === 0) {
        this.retryOwnPending = false;
        this.ownPendingCursor = '0';
      } else {
        await this.write(own);
        this.ownPendingCursor = own[own.length - 1].id;
      }
      return;
    }
    const entries = await this.stream.readNew(READ_COUNT, BLOCK_MS);
    // Entries read during shutdown are still written: they are delivered to this consumer now.
    if (entries.length > 0) await this.write(entries);
  }

  /** Writes the entries other consumers left pending too long. */
  private async reclaim(): Promise<void> {
    let start = '0-0';
    do {
      const { entries, next } = await this.stream.claimIdle(this.claimIdleMs, start, READ_COUNT);
      if (entries.length > 0) {
        this.logger.warn(
          `Claimed ${entries.length} click batch(es) another instance left unacknowledged for ${this.claimIdleMs} ms`,
        );
        await this.write(entries);
      }
      start = next;
    } while (start !== '0-0' && this.running);
  }

  /** Writes whole entries, a statement per ~1,000 clicks, acknowledging each group once it is committed. */
  private async write(entries: ClickStreamEntry[]): Promise<void> {
    let group: ClickStreamEntry[] = [];
    let clicks = 0;
    for (const entry of entries) {
      group.push(entry);
      clicks += entry.events?.length ?? 0;
      if (clicks >= MAX_WRITE) {
        await this.commit(group);
        group = [];
        clicks = 0;
      }
    }
    await this.commit(group);
  }

  private async commit(entries: ClickStreamEntry[]): Promise<void> {
    // During a rolling upgrade, entries of a newer format stay unacknowledged: a newer instance claims them.
    const group = entries.filter((entry) => !entry.newerFormat);
    if (group.length < entries.length)
      this.logger.warn(
        `Leaving ${entries.length - group.length} click batch(es) of a newer format to a newer instance`,
      );
    const events: ClickEvent[] = [];
    for (const entry of group) {
      if (entry.events) {
        for (const event of entry.events) events.push(event);
        continue;
      }
      // Never a batch this code wrote: retrying cannot help. Dropped (and counted), not left to block the group.
      this.logger.error(`Click stream entry ${entry.id} is unreadable; dropping it`);
      this.metrics.clicksDropped.inc({ reason: 'stream_unreadable' });
    }
    // PostgreSQL refusing some clicks for their data (retrying cannot help) must not stop every consumer
    // for good nor cost the other clicks: those are isolated and dropped (counted), the rest stored.
    const stored = await writeIsolatingRefused(
      events,
      (batch) => this.repository.writeBatch(batch),
      this.metrics,
      this.logger,
    );
    this.metrics.clicksWritten.inc(stored);
    await this.stream.acknowledge(group.map((entry) => entry.id));
  }

  private async updateStats(): Promise<void> {
    const { backlog, pending } = await this.stream.stats();
    this.metrics.clickStreamBacklog.set(backlog);
    this.metrics.clickStreamPending.set(pending);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    }).then(() => {
      this.wake = null;
    });
  }
}
