import type { ClickEvent } from './click-event';

/**
 * Where enriched click batches go. Today straight to the database; a Redis-stream transport (shared
 * buffer, consumer group) can implement the same contract without touching the recorder.
 */
export interface ClickWriter {
  /** Stores a batch durably, or rejects with nothing stored; retrying a stored batch must not count it twice. */
  write(events: ClickEvent[]): Promise<void>;
}

export const CLICK_WRITER = Symbol('CLICK_WRITER');
