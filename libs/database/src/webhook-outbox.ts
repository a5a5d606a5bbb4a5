import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
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

/** A stored (non-bot) click, for `link.clicked`: its id makes the event id, so a retried batch adds nothing. */
export interface ClickedLink {
  clickId: string;
  workspaceId: string;
  linkId: string;
  createdAt: Date;
  data: unknown;
}

interface ClickWebhook {
  id: string;
  workspace_id: string;
  link_ids: string[] | null;
  folder_id: string | null;
  tag_id: string | null;
}

/** Clicks whose `link.clicked` events are built and sent in one synchronous piece (a payload each). */
const CLICKED_SLICE = 150;

/**
 * Writes `link.clicked` events of a click batch, inside the batch's transaction, for the webhooks that asked for
 * them (opt-in) and whose filter matches each click's link. A batch of workspaces without such webhooks costs one
 * indexed lookup, and `describe` is never called. The event id is `msg_<click id>`: rewriting a batch after a
 * failure writes no second event. Events are built CLICKED_SLICE clicks at a time, the event loop free between.
 */
export async function enqueueLinkClickedEvents<Click extends { workspaceId: string; linkId: string }>(
  manager: EntityManager,
  clicks: Click[],
  describe: (click: Click) => ClickedLink,
): Promise<void> {
  if (clicks.length === 0) return;
  const workspaceIds = [...new Set(clicks.map((click) => click.workspaceId))];
  const webhooks: ClickWebhook[] = await manager.query(
    `SELECT id, workspace_id, link_ids, folder_id, tag_id FROM webhooks
     WHERE workspace_id = ANY($1::varchar[]) AND enabled AND 'link.clicked' = ANY(event_types)`,
    [workspaceIds],
  );
  if (webhooks.length === 0) return;
  const linkIds = [...new Set(clicks.map((click) => click.linkId))];
  const links: { id: string; folder_id: string | null; tag_ids: string[] | null }[] = await manager.query(
    `SELECT link.id, link.folder_id, array_remove(array_agg(assignment.tag_id), NULL) AS tag_ids
     FROM links link LEFT JOIN link_tag_assignments assignment ON assignment.link_id = link.id
     WHERE link.id = ANY($1::varchar[]) GROUP BY link.id`,
    [linkIds],
  );
  const linkById = new Map(links.map((link) => [link.id, link]));
  const wants = (webhook: ClickWebhook, click: ClickedLink): boolean => {
    const link = linkById.get(click.linkId);
    return (
      webhook.workspace_id === click.workspaceId &&
      (webhook.link_ids === null || webhook.link_ids.includes(click.linkId)) &&
      (webhook.folder_id === null || link?.folder_id === webhook.folder_id) &&
      (webhook.tag_id === null || (link?.tag_ids ?? []).includes(webhook.tag_id))
    );
  };
  for (let start = 0; start < clicks.length; start += CLICKED_SLICE) {
    if (start > 0) await yieldToEventLoop();
    const slice = clicks.slice(start, start + CLICKED_SLICE).map(describe);
    await enqueueClicked(manager, slice, (click) =>
      webhooks.filter((webhook) => wants(webhook, click)).map((webhook) => webhook.id),
    );
  }
}

/** The `link.clicked` events of `clicks` and their deliveries, to the webhooks each is `wantedBy`. */
async function enqueueClicked(
  manager: EntityManager,
  clicks: ClickedLink[],
  wantedBy: (click: ClickedLink) => string[],
): Promise<void> {
  const events: { id: string; workspaceId: string; body: string; createdAt: Date; webhookIds: string[] }[] = [];
  for (const click of clicks) {
    const webhookIds = wantedBy(click);
    if (webhookIds.length === 0) continue;
    const payload: WebhookPayload = {
      id: `msg_${click.clickId}`,
      type: 'link.clicked',
      createdAt: click.createdAt.toISOString(),
      data: click.data,
    };
    events.push({
      id: payload.id,
      workspaceId: click.workspaceId,
      body: JSON.stringify(payload),
      createdAt: click.createdAt,
      webhookIds,
    });
  }
  if (events.length === 0) return;
  const inserted: unknown[] = await manager.query(
    `INSERT INTO webhook_events (id, workspace_id, type, body, created_at)
     SELECT id, workspace_id, 'link.clicked', body, created_at
     FROM unnest($1::varchar[], $2::varchar[], $3::text[], $4::timestamptz[]) AS event(id, workspace_id, body, created_at)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      events.map((event) => event.id),
      events.map((event) => event.workspaceId),
      events.map((event) => event.body),
      events.map((event) => event.createdAt),
    ],
  );
  const fresh = new Set((inserted as { id: string }[]).map((row) => row.id));
  const deliveries = events
    .filter((event) => fresh.has(event.id))
    .flatMap((event) => event.webhookIds.map((webhookId) => ({ eventId: event.id, webhookId })));
  if (deliveries.length === 0) return;
  await manager.query(
    `INSERT INTO webhook_deliveries (id, webhook_id, event_id, next_attempt_at)
     SELECT delivery.id, delivery.webhook_id, delivery.event_id, now()
     FROM unnest($1::varchar[], $2::varchar[], $3::varchar[]) AS delivery(id, webhook_id, event_id)`,
    [
      deliveries.map(() => newId('webhookDelivery')),
      deliveries.map((delivery) => delivery.webhookId),
      deliveries.map((delivery) => delivery.eventId),
    ],
  );
}

/** A link written by a set-based change, with what the webhooks' filters look at. */
export interface WrittenLinkSubject {
  id: string;
  folderId: string | null;
  tagIds: string[];
}

/**
 * `enqueueWebhookEvent` for many links of one workspace at once (bulk creates, import chunks): one lookup of the
 * webhooks that want `type`, then the events and their deliveries in two multi-row inserts. `data` builds the
 * payloads of the links some webhook wants, by id, inside the caller's transaction.
 */
export async function enqueueLinkEvents(
  manager: EntityManager,
  workspaceId: string,
  type: WebhookEventType,
  links: WrittenLinkSubject[],
  data: (linkIds: string[]) => Promise<Map<string, unknown>>,
): Promise<void> {
  if (links.length === 0) return;
  const webhooks: Omit<ClickWebhook, 'workspace_id'>[] = await manager.query(
    `SELECT id, link_ids, folder_id, tag_id FROM webhooks WHERE workspace_id = $1 AND enabled AND $2 = ANY(event_types)`,
    [workspaceId, type],
  );
  if (webhooks.length === 0) return;
  const targets = links
    .map((link) => ({
      link,
      webhookIds: webhooks
        .filter(
          (webhook) =>
            (webhook.link_ids === null || webhook.link_ids.includes(link.id)) &&
            (webhook.folder_id === null || webhook.folder_id === link.folderId) &&
            (webhook.tag_id === null || link.tagIds.includes(webhook.tag_id)),
        )
        .map((webhook) => webhook.id),
    }))
    .filter((target) => target.webhookIds.length > 0);
  if (targets.length === 0) return;
  const payloads = await data(targets.map((target) => target.link.id));
  const createdAt = new Date().toISOString();
  const events = targets.map((target) => ({
    ...target,
    payload: { id: newId('webhookMessage'), type, createdAt, data: payloads.get(target.link.id) } as WebhookPayload,
  }));
  await manager.query(
    `INSERT INTO webhook_events (id, workspace_id, type, body)
     SELECT event.id, $1, $2, event.body FROM unnest($3::varchar[], $4::text[]) AS event(id, body)`,
    [workspaceId, type, events.map((event) => event.payload.id), events.map((event) => JSON.stringify(event.payload))],
  );
  const deliveries = events.flatMap((event) =>
    event.webhookIds.map((webhookId) => ({ eventId: event.payload.id, webhookId })),
  );
  await manager.query(
    `INSERT INTO webhook_deliveries (id, webhook_id, event_id, next_attempt_at)
     SELECT delivery.id, delivery.webhook_id, delivery.event_id, now()
     FROM unnest($1::varchar[], $2::varchar[], $3::varchar[]) AS delivery(id, webhook_id, event_id)`,
    [
      deliveries.map(() => newId('webhookDelivery')),
      deliveries.map((delivery) => delivery.webhookId),
      deliveries.map((delivery) => delivery.eventId),
    ],
  );
}
