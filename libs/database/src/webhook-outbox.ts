import { newId } from '@app/common';
import type { EntityManager } from 'typeorm';
import type { WebhookEventType } from './entities/webhook.entity';

/** What an event is about: its workspace, and the link it concerns (for the webhooks' link, folder and tag filters). */
export interface WebhookEventSubject {
  workspaceId: string;
  type: WebhookEventType;
  /** null for events about no link (domains, unattributed conversions): only unfiltered webhooks get them. */
  linkId: string | null;
}

/** The payload of every event: `data` holds the object as the REST API returns it. */
export interface WebhookPayload {
  id: string;
  type: string;
  createdAt: string;
  data: unknown;
}

/**
 * The enabled webhooks of the workspace that want this event: of the type, and whose filter (link ids, folder,
 * tag) matches the link as it is inside the caller's transaction.
 */
const MATCHING_WEBHOOKS = `
  SELECT webhook.id FROM webhooks webhook
  WHERE webhook.workspace_id = $1 AND webhook.enabled AND $2 = ANY(webhook.event_types)
    AND (webhook.link_ids IS NULL OR $3::varchar = ANY(webhook.link_ids))
    AND (webhook.folder_id IS NULL OR webhook.folder_id = (SELECT folder_id FROM links WHERE id = $3::varchar))
    AND (webhook.tag_id IS NULL OR EXISTS (
      SELECT 1 FROM link_tag_assignments assignment WHERE assignment.link_id = $3::varchar AND assignment.tag_id = webhook.tag_id))`;

/**
 * Writes an event to the outbox and a pending delivery for each webhook that wants it, with `manager`: inside the
 * transaction of the change, so the event exists exactly when the change does. `data` is only built when some
 * webhook wants the event, so a workspace without webhooks pays one indexed lookup.
 */
export async function enqueueWebhookEvent(
  manager: EntityManager,
  subject: WebhookEventSubject,
  data: () => unknown,
): Promise<void> {
  const targets: { id: string }[] = await manager.query(MATCHING_WEBHOOKS, [
    subject.workspaceId,
    subject.type,
    subject.linkId,
  ]);
  if (targets.length === 0) return;
  await insertWebhookEvent(
    manager,
    subject.workspaceId,
    subject.type,
    await data(),
    targets.map((target) => target.id),
  );
}

/** Inserts one event and a due delivery of it to each of `webhookIds`; returns the event id. */
export async function insertWebhookEvent(
  manager: EntityManager,
  workspaceId: string,
  type: string,
  data: unknown,
  webhookIds: string[],
): Promise<string> {
  const payload: WebhookPayload = { id: newId('webhookMessage'), type, createdAt: new Date().toISOString(), data };
  await manager.query(`INSERT INTO webhook_events (id, workspace_id, type, body) VALUES ($1, $2, $3, $4)`, [
    payload.id,
    workspaceId,
    type,
    JSON.stringify(payload),
  ]);
  await manager.query(
    `INSERT INTO webhook_deliveries (id, webhook_id, event_id, next_attempt_at)
     SELECT delivery.id, delivery.webhook_id, $3, now() FROM unnest($1::varchar[], $2::varchar[]) AS delivery(id, webhook_id)`,
    [webhookIds.map(() => newId('webhookDelivery')), webhookIds, payload.id],
  );
  return payload.id;
}
