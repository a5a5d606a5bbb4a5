import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { MetricsService } from '@app/common';
import type { ClickEvent, ClickInput } from './click-event';
import { ClickEnricher } from './click-enricher';
import { CLICK_WRITER, ClickWriter } from './click-writer';

/**
 * Memory bound: past it, new clicks are dropped (and counted) rather than growing without limit. Only reached while
 * the writer fails (a database down): while it works, redirects wait for room at HOLD_ABOVE_PENDING.
 */
export const MAX_BUFFERED_CLICKS = 50_000;
/**
 * Back-pressure: past this many pending clicks, while the writer keeps writing, redirects wait for room. A few
 * batches keep the writer busy; tens of thousands queued (as under saturation before) cost ~100 MB of old space,
 * and the GC and write work of draining them landed on the traffic that followed.
 */
export const HOLD_ABOVE_PENDING = 5_000;
/**
 * A batch is written when the writer's batch size of clicks wait (ClickWriter.batchSize, else MAX_BATCH), never
 * more at once… Under heavy load batches follow each other instead of growing.
 */
export const MAX_BATCH = 150;
/** …or when the oldest has waited this long. */
export const FLUSH_INTERVAL_MS = 250;
/** Clicks enriched per turn of the event loop: ~1.5 µs each from the caches, ~35 µs for a user agent never seen. */
export const ENRICH_SLICE = 16;
const MAX_RETRY_DELAY_MS = 5_000;
/**
 * A write not settled after this long counts as failed and its batch is retried: a connection that went
 * silent (network cut, frozen server) must not stop every later write. The late attempt may still commit;
 * writes are idempotent, so the retry then stores nothing twice.
 */
export const WRITE_TIMEOUT_MS = 15_000;
const SHUTDOWN_ATTEMPTS = 3;
/**
 * Back-pressure: how long a redirect may be held for room while the writer is working (only slower than clicks
 * arrive). Past it the redirect is answered and its click recorded all the same (dropped only past
 * MAX_BUFFERED_CLICKS).
 */
export const MAX_HOLD_MS = 1_000;

/**
 * The redirect's click sink: `record()` only appends to a bounded in-memory queue, so the response never
 * waits for the database (or Redis). Clicks are enriched a slice at a time between requests (the IP goes no
 * further than that), and handed to the ClickWriter in batches every 250 ms or every batch size of clicks (2,000
 * to the database, 150 to the click stream), one batch at a time; a failed batch goes back to the front and is
 * retried with backoff. Everything buffered is written on shutdown. When HOLD_ABOVE_PENDING clicks wait while the
 * writer keeps writing (a database slower than the traffic), redirects wait for room (`roomForClick`), so the queue
 * stays short; when the writer fails (a database down), nothing waits, clicks queue up to MAX_BUFFERED_CLICKS and
 * past it are dropped and counted.
 */
@Injectable()
export class ClickRecorder implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('ClickRecorder');
  /** Recorded, not yet enriched; `head` is the first live entry (the queue is compacted as it drains). */
  private raw: ClickInput[] = [];
  private head = 0;
  /** Enriched, waiting for the writer. */
  private ready: ClickEvent[] = [];
  private enrichScheduled = false;
  /** A slice being enriched right now (taken from `raw`, not yet in `ready`). */
  private enriching: { count: number; done: Promise<void> } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  private consecutiveFailures = 0;
  private droppedClicks = 0;
  private lastDropWarning = 0;
  /** Ids of every recorded click not yet stored (or dropped), wherever it is in the pipeline. */
  private readonly unwritten = new Set<string>();
  /** Redirects held for room in the buffer (back-pressure), first come first served: each one's release. */
  private readonly held = new Set<() => void>();
  private closing = false;
  /** Clicks of the batch being written: out of `ready`, not stored yet. */
  private inFlight = 0;
  private readonly batchSize: number;

  constructor(
    private readonly enricher: ClickEnricher,
    @Inject(CLICK_WRITER) private readonly writer: ClickWriter,
    private readonly metrics: MetricsService,
  ) {
    this.batchSize = writer.batchSize ?? MAX_BATCH;
    // Read when scraped rather than set on every click: a gauge's set() hashes its labels (~0.15-0.35 µs a call).
    metrics.onScrape(async () => metrics.clickQueueDepth.set(this.pending));
  }

  /** Clicks lost because the buffer was full (since boot). */
  get dropped(): number {
    return this.droppedClicks;
  }

  /** Clicks recorded and not written yet (queued, being enriched or being written). */
  get pending(): number {
    return this.raw.length - this.head + (this.enriching?.count ?? 0) + this.ready.length + this.inFlight;
  }

  /**
   * Whether this instance still holds the click, not yet stored (queued, being enriched or being written,
   * or sent to the click stream and not written yet): a conversion for it can wait for the flush instead of
   * answering "unknown click".
   */
  holds(clickId: string): boolean {
    return this.unwritten.has(clickId) || (this.writer.holds?.(clickId) ?? false);
  }

  /**
   * Back-pressure for the redirect, asked before it answers: null when its click can be recorded now (the
   * hot path: no promise); otherwise — HOLD_ABOVE_PENDING clicks wait, or redirects are held already, while the
   * writer is working — a promise that resolves once a written batch made room for it, or after MAX_HOLD_MS. Never
   * a wait while the writer fails (the database is down) or the app shuts down: a redirect does not wait
   * on a database that does not answer.
   */
  roomForClick(): Promise<void> | null {
    if (!this.holdsRedirects()) return null;
    this.metrics.redirectsHeld.inc();
    return new Promise((resolve) => {
      const release = () => {
        clearTimeout(timer);
        this.held.delete(release);
        resolve();
      };
      const timer = setTimeout(release, MAX_HOLD_MS);
      this.held.add(release);
    });
  }

  /** Whether roomForClick() would hold a redirect now; asking has no effect (the redirect's fast path asks first). */
  holdsRedirects(): boolean {
    return (
      (this.held.size > 0 || this.pending >= HOLD_ABOVE_PENDING) && this.consecutiveFailures === 0 && !this.closing
    );
  }

  record(click: ClickInput): void {
    if (this.pending >= MAX_BUFFERED_CLICKS) {
      this.droppedClicks++;
      this.metrics.clicksDropped.inc({ reason: 'buffer_full' });
      this.warnAboutDrops();
      return;
    }
    this.raw.push(click);
    this.unwritten.add(click.clickId);
    this.scheduleEnrichment();
    if (!this.writing) this.timer ??= setTimeout(() => this.writeInBackground(), FLUSH_INTERVAL_MS);
  }

  /**
   * Writes everything recorded, until nothing is pending, and resolves once it is stored in the database
   * (with the click stream: once the consumers have written it); rejects if a batch fails or takes too long.
   */
  async flush(): Promise<void> {
    await this.handOff();
    await this.writer.settle?.();
  }

  /** Hands everything recorded to the writer (the database, or the click stream), until nothing is pending. */
  private async handOff(): Promise<void> {
    while (this.pending > 0 || this.writing) {
      if (this.enriching) await this.enriching.done;
      await this.enrichAll();
      if (this.writing) await this.writing.catch(() => undefined);
      else await this.writeNextBatch();
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    this.releaseHeld(Number.POSITIVE_INFINITY);
    await this.handOff().catch(() => undefined);
  }

  /**
   * Runs after the HTTP server has closed (so no click can arrive any more) and before the database
   * closes: the last clicks are written here (or added to the click stream), then the writer is closed.
   */
  async onApplicationShutdown(): Promise<void> {
    this.clearTimer();
    for (let attempt = 1; attempt <= SHUTDOWN_ATTEMPTS; attempt++) {
      try {
        await this.handOff();
        break;
      } catch (error) {
        if (attempt === SHUTDOWN_ATTEMPTS) {
          this.logger.error(`Shutting down with ${this.pending} click(s) unwritten: ${(error as Error).message}`);
          this.metrics.clicksDropped.inc({ reason: 'shutdown' }, this.pending);
          this.raw = [];
          this.head = 0;
          this.ready = [];
          this.unwritten.clear();
        }
      }
    }
    this.clearTimer();
    await this.writer.close?.();
  }

  /** Lets up to `room` held redirects go, oldest first (each records its click as it answers). */
  private releaseHeld(room: number): void {
    for (const release of this.held) {
      if (room-- <= 0) return;
      release();
    }
  }

  private scheduleEnrichment(): void {
    if (this.enrichScheduled) return;
    this.enrichScheduled = true;
    setImmediate(() => void this.enrichNextSlice());
  }

  private async enrichNextSlice(): Promise<void> {
    const slice = this.takeRaw(ENRICH_SLICE);
    let finished!: () => void;
    this.enriching = { count: slice.length, done: new Promise((resolve) => (finished = resolve)) };
    try {
      // Awaited first: `ready` may be replaced meanwhile (a write takes it), and the events go to the current one.
      const events = await this.enricher.enrich(slice, this.dropUnusable);
      this.ready.push(...events);
    } catch (error) {
      // Only the day's salt can fail (database unreachable): try again with the next write attempt.
      this.putBackRaw(slice);
      this.enrichScheduled = false;
      this.logger.warn(`Enriching ${slice.length} click(s) failed, will retry: ${(error as Error).message}`);
      return;
    } finally {
      this.enriching = null;
      finished();
    }
    this.enrichScheduled = false;
    if (this.raw.length > this.head) this.scheduleEnrichment();
    if (this.ready.length >= this.batchSize && !this.writing && this.consecutiveFailures === 0)
      this.writeInBackground();
  }

  private async enrichAll(): Promise<void> {
    const all = this.takeRaw(Number.POSITIVE_INFINITY);
    if (all.length === 0) return;
    // Counted as pending while it is enriched, so a concurrent flush() waits for it instead of returning early.
    let finished!: () => void;
    this.enriching = { count: all.length, done: new Promise((resolve) => (finished = resolve)) };
    try {
      const events = await this.enricher.enrich(all, this.dropUnusable);
      this.ready.push(...events);
    } catch (error) {
      this.putBackRaw(all);
      throw error;
    } finally {
      this.enriching = null;
      finished();
    }
  }

  /** A click enrichment cannot turn into an event: dropped, counted and logged (by id, not its visitor's data). */
  private readonly dropUnusable = (click: ClickInput, error: unknown): void => {
    this.unwritten.delete(click.clickId);
    this.droppedClicks++;
    this.metrics.clicksDropped.inc({ reason: 'unusable' });
    this.logger.error(`Click ${click.clickId} dropped: enriching it failed: ${(error as Error).message}`);
  };

  private takeRaw(count: number): ClickInput[] {
    const end = Math.min(this.raw.length, this.head + count);
    const taken = this.raw.slice(this.head, end);
    this.head = end;
    if (this.head === this.raw.length) {
      this.raw = [];
      this.head = 0;
    } else if (this.head > 4_096 && this.head * 2 > this.raw.length) {
      this.raw = this.raw.slice(this.head);
      this.head = 0;
    }
    return taken;
  }

  private putBackRaw(clicks: ClickInput[]): void {
    this.raw = clicks.concat(this.raw.slice(this.head));
    this.head = 0;
  }

  private writeInBackground(): void {
    this.writeNextBatch().catch(() => undefined);
  }

  private writeNextBatch(): Promise<void> {
    if (this.writing) return this.writing;
    this.clearTimer();
    const batch = this.ready.length <= this.batchSize ? this.ready : this.ready.slice(0, this.batchSize);
    this.ready = batch === this.ready ? [] : this.ready.slice(this.batchSize);
    if (batch.length === 0) {
      // Clicks still waiting for enrichment (it failed, or is behind): enrich them, and come back later.
      if (this.raw.length > this.head) {
        this.scheduleEnrichment();
        this.scheduleNext();
      }
      return Promise.resolve();
    }
    const writing = this.write(batch).finally(() => {
      this.writing = null;
      this.scheduleNext();
    });
    this.writing = writing;
    return writing;
  }

  private async write(batch: ClickEvent[]): Promise<void> {
    this.inFlight = batch.length;
    try {
      await withTimeout(this.writer.write(batch), WRITE_TIMEOUT_MS);
      this.inFlight = 0;
      this.consecutiveFailures = 0;
      for (const event of batch) this.unwritten.delete(event.id);
      this.releaseHeld(HOLD_ABOVE_PENDING - this.pending);
    } catch (error) {
      this.inFlight = 0;
      this.consecutiveFailures++;
      const room = MAX_BUFFERED_CLICKS - this.pending;
      const kept = batch.length <= room ? batch : batch.slice(batch.length - Math.max(room, 0));
      this.droppedClicks += batch.length - kept.length;
      for (const event of batch.slice(0, batch.length - kept.length)) this.unwritten.delete(event.id);
      if (batch.length > kept.length)
        this.metrics.clicksDropped.inc({ reason: 'write_failed' }, batch.length - kept.length);
      this.ready = kept.concat(this.ready);
      this.releaseHeld(Number.POSITIVE_INFINITY);
      this.logger.warn(
        `Writing ${batch.length} click(s) failed (attempt ${this.consecutiveFailures}), will retry: ${(error as Error).message}`,
      );
      throw error;
    }
  }

  private scheduleNext(): void {
    if (this.pending === 0 || this.timer) return;
    if (this.consecutiveFailures > 0) {
      const delay = Math.min(MAX_RETRY_DELAY_MS, FLUSH_INTERVAL_MS * 2 ** this.consecutiveFailures);
      this.timer = setTimeout(() => {
        this.timer = null;
        this.scheduleEnrichment();
        this.writeInBackground();
      }, delay);
    } else if (this.ready.length >= this.batchSize) {
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

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from the database within ${ms} ms`)), ms);
  });
  // The losing attempt's own failure, if it ever comes, is of no interest any more.
  promise.catch(() => undefined);
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
