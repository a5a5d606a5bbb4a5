import type { DeliveryResult } from './webhook-deliverer';

// What the delivery thread and the main thread say to each other. Apart from the thread's file, which starts the
// thread's work as soon as it is loaded.

/** What the main thread passes: the settings delivering reads, as environment strings (validated again here). */
export interface DeliveryThreadData {
  environment: Record<string, string>;
}

/** Thread → main thread. */
export type DeliveryThreadMessage =
  | { kind: 'ready' }
  | { kind: 'counted'; result: DeliveryResult; attempts: number }
  | { kind: 'error'; message: string }
  | { kind: 'stopped' };

/** Main thread → thread: stop polling, finish (or give up) the round in flight, close, exit. */
export const STOP_MESSAGE = 'stop';
