import { setTimeout as sleep } from 'node:timers/promises';
import { createWebhookAgents, SEND_TIMEOUT_MS, sendWebhook } from './webhook-sender';
import { signWebhook } from './webhook-signing';
import { WebhookTargets } from './webhook-targets';
import {
  AttemptOutcome,
  ClaimedDelivery,
  DeliveredAttempt,
  RetriedAttempt,
  WebhookDeliveriesRepository,
} from './webhook-deliveries.repository';

/** Sends of one batch go out together; their outcomes are written together. */
const BATCH_SIZE = 50;
/** How long shutdown waits for a delivery round (its sends time out before). */
export const SHUTDOWN_WAIT_MS = SEND_TIMEOUT_MS + 5_000;
/** A claim outlives a send (10 s) by far: only a worker that died leaves a delivery to be taken again. */
const LEASE_MS = 6 * SEND_TIMEOUT_MS;
/** 10 s, 30 s, 90 s, … tripling up to 6 h: the 12th and last attempt comes about a day after the first. */
export const MAX_ATTEMPTS = 12;
const FIRST_RETRY_MS = 10_000;
const LONGEST_RETRY_MS = 6 * 3_600_000;
const KEEP_FINISHED_MS = 30 * 86_400_000;
const PURGE_EVERY_MS = 3_600_000;

/** The outcomes counted in `linktrace_webhook_deliveries_total`. */
export type DeliveryResult = 'delivered' | 'retrying' | 'failed' | 'gone';

/** The wait before attempt `attempts + 1`, with ±20 % jitter so failed endpoints are not retried in lockstep. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(FIRST_RETRY_MS * 3 ** (attempts - 1), LONGEST_RETRY_MS);
  return Math.round(base * (0.8 + 0.4 * random()));
}

export interface DelivererOptions {
  repository: WebhookDeliveriesRepository;
  targets: WebhookTargets;
  clock: { now(): Date };
  disableAfterFailures: number;
  /** Counts attempts by outcome (the metric lives in the main thread; the delivery thread posts its counts). */
  count: (result: DeliveryResult, attempts: number) => void;
}

/**
 * Sends due webhook deliveries: claims a batch (SKIP LOCKED, leased), signs and sends each to the address checked
 * for it, and records the outcome: delivered, retried later with backoff, or failed for good. Plain code, no Nest:
 * the delivery thread runs it on its own event loop, and the embedded database's instances in the main one.
 */
export class WebhookDeliverer {
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;
  private stopped = false;
  private lastPurge = 0;
  private readonly agents = createWebhookAgents();

  constructor(private readonly options: DelivererOptions) {}

  /** Polls every `intervalMs`: a round, then the wait, then the next round. */
  start(intervalMs: number, onError: (error: Error) => void): void {
    const schedule = (delayMs: number) => {
      if (this.stopped) return;
      this.timer = setTimeout(() => {
        this.running = this.runOnce()
          .catch(onError)
          .then(() => undefined)
          .finally(() => {
            this.running = null;
            schedule(intervalMs);
          });
      }, delayMs);
      this.timer.unref();
    };
    schedule(0);
  }

  /** Stops polling and closes the connections; waits at most SHUTDOWN_WAIT_MS for the round in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    // A round stuck on a dead connection must not hold the shutdown: what it claimed is leased, and retried.
    await Promise.race([this.running, sleep(SHUTDOWN_WAIT_MS, undefined, { ref: false })]);
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  /** One round: claims and sends due deliveries until none is left; true when it sent any. */
  async runOnce(): Promise<boolean> {
    let sentAny = false;
    for (;;) {
      const now = this.options.clock.now();
      const claimed = await this.options.repository.claimDue(now, new Date(now.getTime() + LEASE_MS), BATCH_SIZE);
      // Every send of the round settles before the round ends (or fails): none outlives it unseen.
      const settled = await Promise.allSettled(claimed.map((delivery) => this.attempt(delivery)));
      const failed = settled.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
      await this.record(
        claimed,
        settled.map((result) => (result as PromiseFulfilledResult<AttemptOutcome>).value),
      );
      sentAny ||= claimed.length > 0;
      if (claimed.length < BATCH_SIZE || this.stopped) break;
    }
    await this.purge();
    return sentAny;
  }

  /**
   * Records a batch's outcomes: delivered, retried later with backoff, or failed for good. Successes and retries,
   * nearly every attempt, are written in a statement each for the whole batch; the rare last failures one by one.
   */
  private async record(claimed: ClaimedDelivery[], outcomes: AttemptOutcome[]): Promise<void> {
    const { repository, clock, disableAfterFailures: disableAfter, count } = this.options;
    const now = clock.now();
    const delivered: DeliveredAttempt[] = [];
    const retries: RetriedAttempt[] = [];
    for (const [index, delivery] of claimed.entries()) {
      const outcome = outcomes[index];
      if (outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300) {
        delivered.push({ delivery, statusCode: outcome.statusCode, body: outcome.body ?? '' });
      } else if (outcome.statusCode === 410) {
        await repository.recordFailed(delivery, outcome, now, disableAfter, 'the endpoint answered 410 Gone');
        count('gone', 1);
      } else if (delivery.attempts >= MAX_ATTEMPTS) {
        await repository.recordFailed(delivery, outcome, now, disableAfter, null);
        count('failed', 1);
      } else {
        retries.push({ delivery, outcome, nextAttemptAt: new Date(now.getTime() + retryDelayMs(delivery.attempts)) });
      }
    }
    await repository.recordDelivered(delivered, now);
    if (delivered.length > 0) count('delivered', delivered.length);
    await repository.recordRetries(retries);
    if (retries.length > 0) count('retrying', retries.length);
  }

  /** Resolves and checks the host again (it may point elsewhere since creation), then signs and sends. */
  private async attempt(delivery: ClaimedDelivery): Promise<AttemptOutcome> {
    const { targets, clock } = this.options;
    const target = await targets.resolve(delivery.url);
    if ('refused' in target) return { statusCode: null, body: null, error: `refused: ${target.refused}` };
    const timestamp = Math.floor(clock.now().getTime() / 1000);
    const secrets = [delivery.secret];
    if (delivery.previousSecret && delivery.previousSecretExpiresAt && delivery.previousSecretExpiresAt > clock.now())
      secrets.push(delivery.previousSecret);
    const result = await sendWebhook(
      delivery.url,
      target,
      {
        'webhook-id': delivery.eventId,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook(secrets, delivery.eventId, timestamp, delivery.body),
      },
      delivery.body,
      this.agents,
    );
    return result.kind === 'response'
      ? { statusCode: result.statusCode, body: result.body, error: null }
      : { statusCode: null, body: null, error: result.message };
  }

  /** Forgets deliveries finished more than 30 days ago, at most once an hour per deliverer. */
  private async purge(): Promise<void> {
    const now = this.options.clock.now();
    if (now.getTime() - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = now.getTime();
    await this.options.repository.purgeFinished(new Date(now.getTime() - KEEP_FINISHED_MS));
  }
}
