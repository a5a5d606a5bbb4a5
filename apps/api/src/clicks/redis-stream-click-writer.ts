import { Injectable, Logger } from '@nestjs/common';
import { MetricsService } from '@app/common';
import type { ClickEvent } from './click-event';
import { ClickStream, compareEntryIds } from './click-stream';
import { ClickStreamConsumer } from './click-stream-consumer';
import type { ClickWriter } from './click-writer';
import { ClicksRepository } from './clicks.repository';
import { writeIsolatingRefused } from './refused-clicks';

/** How long `settle()` waits for the consumers (a dead one's entries are only claimed after CLICK_STREAM_CLAIM_IDLE_MS). */
const SETTLE_TIMEOUT_MS = 5_000;
const SETTLE_POLL_MS = 20;
/** Clicks remembered as "sent, maybe not stored yet"; past it the oldest are forgotten (holds() then says no). */
const MAX_TRACKED_CLICKS = 50_000;
const PRUNE_INTERVAL_MS = 1_000;

/**
 * The click writer with REDIS_URL: a batch is acknowledged once Redis has accepted it into the click
 * stream (XADD answered), and from then on survives this instance; the consumers of every instance write
 * it to PostgreSQL (ClickStreamConsumer). Nothing here runs on the request: the recorder calls `write()`
 * from its background flush.
 *
 * When Redis does not answer, the batch is written straight to PostgreSQL instead (the same idempotent
 * statement); if that fails too the recorder keeps it in memory, bounded, and retries.
 *
 * It remembers which clicks it sent until they are stored, so a lead arriving right after its click can
 * wait for it (`holds()`, `settle()`).
 */
@Injectable()
export class RedisStreamClickWriter implements ClickWriter {
  private readonly logger = new Logger('RedisStreamClickWriter');
  /** Entries this instance added that may not be written yet: entry id → click ids, oldest first. */
  private readonly sent = new Map<string, string[]>();
  private readonly sentClicks = new Set<string>();
  private pruneTimer: NodeJS.Timeout | null = null;
  private lastFallbackWarning = 0;

  constructor(
    private readonly stream: ClickStream,
    private readonly consumer: ClickStreamConsumer,
    private readonly repository: ClicksRepository,
    private readonly metrics: MetricsService,
  ) {}

  async write(events: ClickEvent[]): Promise<void> {
    let entryId: string;
    try {
      entryId = await this.stream.add(events);
    } catch (error) {
      this.warnAboutFallback(error as Error);
      const stored = await writeIsolatingRefused(
        events,
        (batch) => this.repository.writeBatch(batch),
        this.metrics,
        this.logger,
      );
      this.metrics.clicksWritten.inc(stored);
      return;
    }
    this.metrics.clicksStreamed.inc(events.length);
    this.track(entryId, events);
  }

  holds(clickId: string): boolean {
    return this.sentClicks.has(clickId);
  }

  /** Resolves once every batch this instance sent so far is written to PostgreSQL (by any instance). */
  async settle(): Promise<void> {
    let waiting = [...this.sent.keys()];
    const deadline = Date.now() + SETTLE_TIMEOUT_MS;
    while (waiting.length > 0) {
      const remaining = await this.stream.remaining(waiting);
      const left = new Set(remaining);
      for (const id of waiting) if (!left.has(id)) this.forget(id);
      if (remaining.length === 0) return;
      if (Date.now() > deadline)
        throw new Error(`${remaining.length} click batch(es) sent to the stream are not written yet`);
      waiting = remaining;
      await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
    }
  }

  /** Stops this instance's consumer (its write in progress commits and is acknowledged) and closes the stream's connections. */
  async close(): Promise<void> {
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    this.pruneTimer = null;
    await this.consumer.stop();
    await this.stream.close();
  }

  private track(entryId: string, events: ClickEvent[]): void {
    const ids = events.map((event) => event.id);
    this.sent.set(entryId, ids);
    for (const id of ids) this.sentClicks.add(id);
    while (this.sentClicks.size > MAX_TRACKED_CLICKS) this.forget(this.sent.keys().next().value!);
    if (!this.pruneTimer) {
      this.pruneTimer = setInterval(() => void this.prune(), PRUNE_INTERVAL_MS);
      this.pruneTimer.unref();
    }
  }

  /** Forgets the entries older than the oldest one left in the stream: they are written. */
  private async prune(): Promise<void> {
    if (this.sent.size === 0) {
      if (this.pruneTimer) clearInterval(this.pruneTimer);
      this.pruneTimer = null;
      return;
    }
    let oldest: string | null;
    try {
      oldest = await this.stream.oldestId();
    } catch {
      return;
    }
    for (const id of [...this.sent.keys()]) {
      if (oldest !== null && compareEntryIds(id, oldest) >= 0) break;
      this.forget(id);
    }
  }

  private forget(entryId: string): void {
    for (const id of this.sent.get(entryId) ?? []) this.sentClicks.delete(id);
    this.sent.delete(entryId);
  }

  private warnAboutFallback(error: Error): void {
    const now = Date.now();
    if (now - this.lastFallbackWarning < 10_000) return;
    this.lastFallbackWarning = now;
    this.logger.warn(`Redis did not take a click batch (${error.message}); writing it straight to the database`);
  }
}
