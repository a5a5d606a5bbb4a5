import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** A delivery a worker claimed: everything needed to send it. */
export interface ClaimedDelivery {
  id: string;
  attempts: number;
  eventId: string;
  body: string;
  webhookId: string;
  url: string;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
}

/**
 * The delivery side of the outbox: claims, outcomes, queue measures and the purge. Apart from the webhooks CRUD
 * (WebhooksRepository) because the delivery thread runs it on a data source of its own, and loads nothing else.
 */
@Injectable()
export class WebhookDeliveriesRepository {
  // Injected by class (the default data source's token), not @InjectDataSource: the thread loads no @nestjs/typeorm.
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Takes up to `limit` due deliveries of enabled webhooks and leases them until `leaseUntil`: a worker that dies
   * mid-send leaves them due again then. SKIP LOCKED lets every instance claim at once without taking the same rows.
   */
  async claimDue(now: Date, leaseUntil: Date, limit: number): Promise<ClaimedDelivery[]> {
    const result: unknown[] = await this.dataSource.query(
      `WITH due AS (
         SELECT delivery.id FROM webhook_deliveries delivery
         JOIN webhooks webhook ON webhook.id = delivery.webhook_id AND webhook.enabled
         WHERE delivery.status = 'pending' AND delivery.next_attempt_at <= $1
         ORDER BY delivery.next_attempt_at LIMIT $3
         FOR UPDATE OF delivery SKIP LOCKED)
       UPDATE webhook_deliveries delivery
       SET next_attempt_at = $2, attempts = delivery.attempts + 1, last_attempt_at = $1
       FROM due, webhooks webhook, webhook_events event
       WHERE delivery.id = due.id AND webhook.id = delivery.webhook_id AND event.id = delivery.event_id
       RETURNING delivery.id, delivery.attempts, delivery.event_id, event.body, webhook.id AS webhook_id, webhook.url,
         webhook.secret, webhook.previous_secret, webhook.previous_secret_expires_at`,
      [now, leaseUntil, limit],
    );
    // An UPDATE … RETURNING through TypeORM's postgres driver answers [rows, affected count].
    const rows = (Array.isArray(result[0]) ? result[0] : result) as Record<string, unknown>[];
    return rows.map((row) => ({
      id: row.id as string,
      attempts: Number(row.attempts),
      eventId: row.event_id as string,
      body: row.body as string,
      webhookId: row.webhook_id as string,
      url: row.url as string,
      secret: row.secret as string,
      previousSecret: row.previous_secret as string | null,
      previousSecretExpiresAt: row.previous_secret_expires_at
        ? new Date(row.previous_secret_expires_at as string)
        : null,
    }));
  }

  /** Delivered, in one statement for a batch: each webhook's run of failed events ends. */
  async recordDelivered(delivered: DeliveredAttempt[], now: Date): Promise<void> {
    if (delivered.length === 0) return;
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE webhook_deliveries delivery SET status = 'delivered', last_status_code = answer.status_code,
           last_response_body = answer.body, last_error = NULL, next_attempt_at = NULL, finished_at = $4
         FROM unnest($1::varchar[], $2::int[], $3::text[]) AS answer(id, status_code, body)
         WHERE delivery.id = answer.id`,
        [
          delivered.map((attempt) => attempt.delivery.id),
          delivered.map((attempt) => attempt.statusCode),
          delivered.map((attempt) => attempt.body),
          now,
        ],
      );
      await manager.query(
        `UPDATE webhooks SET consecutive_failures = 0 WHERE id = ANY($1::varchar[]) AND consecutive_failures > 0`,
        [[...new Set(delivered.map((attempt) => attempt.delivery.webhookId))]],
      );
    });
  }

  /** Failed attempts with more to come, each at its `nextAttemptAt`, in one statement for a batch. */
  async recordRetries(retries: RetriedAttempt[]): Promise<void> {
    if (retries.length === 0) return;
    await this.dataSource.query(
      `UPDATE webhook_deliveries delivery SET last_status_code = retry.status_code, last_response_body = retry.body,
         last_error = retry.error, next_attempt_at = retry.next_attempt_at
       FROM unnest($1::varchar[], $2::int[], $3::text[], $4::varchar[], $5::timestamptz[])
         AS retry(id, status_code, body, error, next_attempt_at)
       WHERE delivery.id = retry.id`,
      [
        retries.map((retry) => retry.delivery.id),
        retries.map((retry) => retry.outcome.statusCode),
        retries.map((retry) => retry.outcome.body),
        retries.map((retry) => retry.outcome.error),
        retries.map((retry) => retry.nextAttemptAt),
      ],
    );
  }

  /**
   * The last attempt failed: the delivery is over, the webhook's run of failed events grows, and at
   * `disableAfter` (or at once with `disableReason`, for 410 Gone) the webhook is disabled, saying why.
   */
  async recordFailed(
    delivery: ClaimedDelivery,
    outcome: AttemptOutcome,
    now: Date,
    disableAfter: number,
    disableReason: string | null,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE webhook_deliveries SET status = 'failed', last_status_code = $2, last_response_body = $3, last_error = $4,
           next_attempt_at = NULL, finished_at = $5 WHERE id = $1`,
        [delivery.id, outcome.statusCode, outcome.body, outcome.error, now],
      );
      await manager.query(
        `UPDATE webhooks SET consecutive_failures = consecutive_failures + 1,
           enabled = CASE WHEN $3::varchar IS NOT NULL OR consecutive_failures + 1 >= $2 THEN false ELSE enabled END,
           disabled_at = CASE WHEN enabled AND ($3::varchar IS NOT NULL OR consecutive_failures + 1 >= $2) THEN $4 ELSE disabled_at END,
           disabled_reason = CASE WHEN enabled AND ($3::varchar IS NOT NULL OR consecutive_failures + 1 >= $2)
             THEN COALESCE($3::varchar, 'disabled after ' || (consecutive_failures + 1) || ' events in a row failed every attempt')
             ELSE disabled_reason END
         WHERE id = $1`,
        [delivery.webhookId, disableAfter, disableReason, now],
      );
    });
  }

  /** Whether a delivery thread has anything to do: a webhook to deliver to, or events left to purge. */
  async anyWork(): Promise<boolean> {
    const [row]: { work: boolean }[] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM webhooks) OR EXISTS (SELECT 1 FROM webhook_events) AS work`,
    );
    return row.work;
  }

  /** Pending deliveries of enabled webhooks, and how long the longest-waiting due one has been due. */
  async queueStats(now: Date): Promise<{ depth: number; oldestDueSeconds: number }> {
    const [row]: { depth: string; oldest: Date | null }[] = await this.dataSource.query(
      `SELECT count(*) AS depth, min(delivery.next_attempt_at) FILTER (WHERE delivery.next_attempt_at <= $1) AS oldest
       FROM webhook_deliveries delivery JOIN webhooks webhook ON webhook.id = delivery.webhook_id AND webhook.enabled
       WHERE delivery.status = 'pending'`,
      [now],
    );
    const oldest = row?.oldest ? new Date(row.oldest).getTime() : null;
    return {
      depth: Number(row?.depth ?? 0),
      oldestDueSeconds: oldest === null ? 0 : Math.max(0, (now.getTime() - oldest) / 1000),
    };
  }

  /** Forgets deliveries finished before `before`, and events no delivery refers to any more. */
  async purgeFinished(before: Date): Promise<void> {
    await this.dataSource.query(`DELETE FROM webhook_deliveries WHERE status <> 'pending' AND finished_at < $1`, [
      before,
    ]);
    await this.dataSource.query(
      `DELETE FROM webhook_events event WHERE event.created_at < $1
         AND NOT EXISTS (SELECT 1 FROM webhook_deliveries delivery WHERE delivery.event_id = event.id)`,
      [before],
    );
  }
}

/** What one attempt produced, as stored in the delivery log. */
export interface AttemptOutcome {
  statusCode: number | null;
  body: string | null;
  error: string | null;
}

export interface DeliveredAttempt {
  delivery: ClaimedDelivery;
  statusCode: number;
  body: string;
}

export interface RetriedAttempt {
  delivery: ClaimedDelivery;
  outcome: AttemptOutcome;
  nextAttemptAt: Date;
}
