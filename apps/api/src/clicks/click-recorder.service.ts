import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { ClickInput } from './click-event';
import { ClickEnricher } from './click-enricher';
import { CLICK_WRITER, ClickWriter } from './click-writer';

/** Memory bound: past it, new clicks are dropped (and counted) rather than growing without limit. */
export const MAX_BUFFERED_CLICKS = 50_000;
/** A batch is written when this many clicks wait… */
export const FLUSH_AT_CLICKS = 500;
/** …or when the oldest has waited this long. */
export const FLUSH_INTERVAL_MS = 250;
/** Largest batch per transaction; under heavy load batches grow up to this to keep up. */
const MAX_BATCH = 5_000;
const MAX_RETRY_DELAY_MS = 5_000;
const SHUTDOWN_ATTEMPTS = 3;

/**
 * The redirect's click sink: `record()` only appends to a bounded in-memory buffer, so the response
 * never waits for the database. Batches are enriched and handed to the ClickWriter every 250 ms or
 * every 500 clicks, one batch at a time; a failed batch goes back to the front of the buffer and is
 * retried with backoff. Everything buffered is written on shutdown.
 */
@Injectable()
export class ClickRecorder implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('ClickRecorder');
  private buffer: ClickInput[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  /** The batch `writing` is storing: its clicks are no longer in `buffer` but not yet in the database. */
  private writingBatch: ClickInput[] = [];
  private consecutiveFailures = 0;
  private droppedClicks = 0;
  private lastDropWarning = 0;

  constructor(
    private readonly enricher: ClickEnricher,
    @Inject(CLICK_WRITER) private readonly writer: ClickWriter,
  ) {}

  /** Clicks lost because the buffer was full (since boot). */
  get dropped(): number {
    return this.droppedClicks;
  }

  get pending(): number {
    return this.buffer.length;
  }

  /**
   * Whether this instance still holds the click, unwritten (buffered or in the batch being written): a
   * conversion can arrive for a click before its batch is stored.
   */
  holds(clickId: string): boolean {
    return this.writingBatch.some((click) => click.clickId === clickId) || this.buffer.some((click) => click.clickId === clickId);
  }

  record(click: ClickInput): void {
    if (this.buffer.length >= MAX_BUFFERED_CLICKS) {
      this.droppedClicks++;
      this.warnAboutDrops();
      return;
    }
    this.buffer.push(click);
    if (this.writing) return;
    if (this.buffer.length >= FLUSH_AT_CLICKS && this.consecutiveFailures === 0) this.writeInBackground();
    else this.timer ??= setTimeout(() => this.writeInBackground(), FLUSH_INTERVAL_MS);
  }

  /** Writes everything buffered so far and resolves once it is stored; rejects if a batch fails. */
  async flush(): Promise<void> {
    if (this.writing) await this.writing.catch(() => undefined);
    while (this.buffer.length > 0) await this.writeNextBatch();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.flush().catch(() => undefined);
  }

  /**
   * Runs after the HTTP server has closed (so no click can arrive any more) and before the database
   * closes: the last clicks are written here.
   */
  async onApplicationShutdown(): Promise<void> {
    this.clearTimer();
    for (let attempt = 1; attempt <= SHUTDOWN_ATTEMPTS; attempt++) {
      try {
        await this.flush();
        break;
      } catch (error) {
        if (attempt === SHUTDOWN_ATTEMPTS) {
          this.logger.error(`Shutting down with ${this.buffer.length} click(s) unwritten: ${(error as Error).message}`);
          this.buffer = [];
        }
      }
    }
    this.clearTimer();
  }

  private writeInBackground(): void {
    this.writeNextBatch().catch(() => undefined);
  }

  private writeNextBatch(): Promise<void> {
    if (this.writing) return this.writing;
    this.clearTimer();
    const batch = this.buffer.length <= MAX_BATCH ? this.buffer : this.buffer.slice(0, MAX_BATCH);
    this.buffer = batch === this.buffer ? [] : this.buffer.slice(MAX_BATCH);
    if (batch.length === 0) return Promise.resolve();
    this.writingBatch = batch;
    const writing = this.write(batch).finally(() => {
      this.writing = null;
      this.writingBatch = [];
      this.scheduleNext();
    });
    this.writing = writing;
    return writing;
  }

  private async write(batch: ClickInput[]): Promise<void> {
    try {
      await this.writer.write(await this.enricher.enrich(batch));
      this.consecutiveFailures = 0;
    } catch (error) {
      this.consecutiveFailures++;
      const room = MAX_BUFFERED_CLICKS - this.buffer.length;
      const kept = batch.length <= room ? batch : batch.slice(batch.length - Math.max(room, 0));
      this.droppedClicks += batch.length - kept.length;
      this.buffer = kept.concat(this.buffer);
      this.logger.warn(`Writing ${batch.length} click(s) failed (attempt ${this.consecutiveFailures}), will retry: ${(error as Error).message}`);
      throw error;
    }
  }

  private scheduleNext(): void {
    if (this.buffer.length === 0 || this.timer) return;
    if (this.consecutiveFailures > 0) {
      const delay = Math.min(MAX_RETRY_DELAY_MS, FLUSH_INTERVAL_MS * 2 ** this.consecutiveFailures);
      this.timer = setTimeout(() => this.writeInBackground(), delay);
    } else if (this.buffer.length >= FLUSH_AT_CLICKS) {
      this.writeInBackground();
    } else {
      this.timer = setTimeout(() => this.writeInBackground(), FLUSH_INTERVAL_MS);
    }
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private warnAboutDrops(): void {
    const now = Date.now();
    if (now - this.lastDropWarning < 10_000) return;
    this.lastDropWarning = now;
    this.logger.warn(`Click buffer full (${MAX_BUFFERED_CLICKS}): ${this.droppedClicks} click(s) dropped so far`);
  }
}
