import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, MetricsService } from '@app/common';
import { WebhookClock } from './webhook-clock';
import { createWebhookAgents, SEND_TIMEOUT_MS, sendWebhook } from './webhook-sender';
import { signWebhook } from './webhook-signing';
import { WebhookTargets } from './webhook-targets';
import {
  AttemptOutcome,
  ClaimedDelivery,
  DeliveredAttempt,
  RetriedAttempt,
  WebhooksRepository,
} from './webhooks.repository';

/** Sends of one batch go out together; their outcomes are written together. */
const BATCH_SIZE = 50;
/** How long shutdown waits for a delivery round (its sends time out before). */
const SHUTDOWN_WAIT_MS = SEND_TIMEOUT_MS + 5_000;
/** A claim outlives a send (10 s) by far: only a worker that died leaves a delivery to be taken again. */
const LEASE_MS = 6 * SEND_TIMEOUT_MS;
/** 10 s, 30 s, 90 s, … tripling up to 6 h: the 12th and last attempt comes about a day after the first. */
export const MAX_ATTEMPTS = 12;
const FIRST_RETRY_MS = 10_000;
const LONGEST_RETRY_MS = 6 * 3_600_000;
const KEEP_FINISHED_MS = 30 * 86_400_000;
const PURGE_EVERY_MS = 3_600_000;

/** The wait before attempt `attempts + 1`, with ±20 % jitter so failed endpoints are not retried in lockstep. */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(FIRST_RETRY_MS * 3 ** (attempts - 1), LONGEST_RETRY_MS);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * Sends due webhook deliveries, on every instance: claims a batch (SKIP LOCKED, leased), signs and sends each to the
 * address checked for it, and records the outcome: delivered, retried later with backoff, or failed for good.
 */
@Injectable()
export class WebhookDeliveryWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WebhookDelivery');
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;
  private stopped = false;
  private lastPurge = 0;
  private readonly agents = createWebhookAgents();

  constructor(
    private readonly repository: WebhooksRepository,
    private readonly targets: WebhookTargets,
    private readonly clock: WebhookClock,
    private readonly metrics: MetricsService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    // Measured at each scrape, on every instance: a backlog shows even when no worker is running.
    this.metrics.onScrape(() => this.measureQueue());
    if (this.config.WEBHOOK_POLL_INTERVAL_MS > 0) this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
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
      const now = this.clock.now();
      const claimed = await this.repository.claimDue(now, new Date(now.getTime() + LEASE_MS), BATCH_SIZE);
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

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce()
        .catch((error: Error) => this.logger.error(`Webhook delivery round failed: ${error.message}`))
        .then(() => undefined)
        .finally(() => {
          this.running = null;
          this.schedule(this.config.WEBHOOK_POLL_INTERVAL_MS);
        });
    }, delayMs);
    this.timer.unref();
  }

  /**
   * Records a batch's outcomes: delivered, retried later with backoff, or failed for good. Successes and retries,
   * nearly every attempt, are written in a statement each for the whole batch; the rare last failures one by one.
   */
  private async record(claimed: ClaimedDelivery[], outcomes: AttemptOutcome[]): Promise<void> {
    const now = this.clock.now();
    const delivered: DeliveredAttempt[] = [];
    const retries: RetriedAttempt[] = [];
    for (const [index, delivery] of claimed.entries()) {
      const outcome = outcomes[index];
      const disableAfter = this.config.WEBHOOK_DISABLE_AFTER_FAILURES;
      if (outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300) {
        delivered.push({ delivery, statusCode: outcome.statusCode, body: outcome.body ?? '' });
      } else if (outcome.statusCode === 410) {
        await this.repository.recordFailed(delivery, outcome, now, disableAfter, 'the endpoint answered 410 Gone');
        this.metrics.webhookDeliveries.inc({ result: 'gone' });
      } else if (delivery.attempts >= MAX_ATTEMPTS) {
        await this.repository.recordFailed(delivery, outcome, now, disableAfter, null);
        this.metrics.webhookDeliveries.inc({ result: 'failed' });
      } else {
        retries.push({ delivery, outcome, nextAttemptAt: new Date(now.getTime() + retryDelayMs(delivery.attempts)) });
      }
    }
    await this.repository.recordDelivered(delivered, now);
    this.metrics.webhookDeliveries.inc({ result: 'delivered' }, delivered.length);
    await this.repository.recordRetries(retries);
    this.metrics.webhookDeliveries.inc({ result: 'retrying' }, retries.length);
  }

  /** Resolves and checks the host again (it may point elsewhere since creation), then signs and sends. */
  private async attempt(delivery: ClaimedDelivery): Promise<AttemptOutcome> {
    const target = await this.targets.resolve(delivery.url);
    if ('refused' in target) return { statusCode: null, body: null, error: `refused: ${target.refused}` };
    const timestamp = Math.floor(this.clock.now().getTime() / 1000);
    const secrets = [delivery.secret];
    if (
      delivery.previousSecret &&
      delivery.previousSecretExpiresAt &&
      delivery.previousSecretExpiresAt > this.clock.now()
    )
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

  private async measureQueue(): Promise<void> {
    try {
      const stats = await this.repository.queueStats(this.clock.now());
      this.metrics.webhookQueueDepth.set(stats.depth);
      this.metrics.webhookOldestDueSeconds.set(stats.oldestDueSeconds);
    } catch (error) {
      this.logger.warn(`Webhook queue not measured: ${(error as Error).message}`);
    }
  }

  /** Forgets deliveries finished more than 30 days ago, at most once an hour per instance. */
  private async purge(): Promise<void> {
    const now = this.clock.now();
    if (now.getTime() - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = now.getTime();
    await this.repository.purgeFinished(new Date(now.getTime() - KEEP_FINISHED_MS));
  }
}
