import type { ClickEvent } from './click-event';

/**
 * Where enriched click batches go: straight to PostgreSQL (DatabaseClickWriter), or with REDIS_URL into
 * the Redis click stream that every instance consumes (RedisStreamClickWriter).
 */
export interface ClickWriter {
  /**
   * Takes a batch durably — stored in the database, or accepted into the click stream — or rejects with
   * nothing taken; taking a batch twice must not count it twice.
   */
  write(events: ClickEvent[]): Promise<void>;
  /**
   * Clicks per batch: written once this many wait, never more at once. Absent: MAX_BATCH (150), for a writer that
   * serialises a batch in one synchronous piece (~3 µs a click); one that sends it a slice at a time takes more.
   */
  readonly batchSize?: number;
  /** Whether a click this writer took may not be in the database yet (writers that store at once: absent). */
  holds?(clickId: string): boolean;
  /** Resolves once every batch taken so far is in the database; rejects when that takes too long. */
  settle?(): Promise<void>;
  /** Called once, after the recorder's last batch at shutdown. */
  close?(): Promise<void>;
}

export const CLICK_WRITER = Symbol('CLICK_WRITER');
