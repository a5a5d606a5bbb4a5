import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CursorPosition } from '@app/common';
import {
  findPage,
  insertWebhookEvent,
  lockWorkspaceForQuota,
  PlanName,
  Positioned,
  WebhookDeliveryEntity,
  WebhookEntity,
} from '@app/database';
import { DataSource } from 'typeorm';

export type NewWebhook = Pick<
  WebhookEntity,
  'id' | 'workspaceId' | 'url' | 'description' | 'eventTypes' | 'linkIds' | 'folderId' | 'tagId' | 'secret'
>;
export type WebhookChanges = Partial<
  Pick<
    WebhookEntity,
    | 'url'
    | 'description'
    | 'eventTypes'
    | 'linkIds'
    | 'folderId'
    | 'tagId'
    | 'enabled'
    | 'disabledReason'
    | 'disabledAt'
    | 'consecutiveFailures'
  >
>;

/** A delivery with its event's type, for the delivery log. */
export interface DeliveryRecord {
  delivery: WebhookDeliveryEntity;
  eventType: string;
}

@Injectable()
export class WebhooksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get webhooks() {
    return this.dataSource.getRepository(WebhookEntity);
  }

  findById(id: string): Promise<WebhookEntity | null> {
    return this.webhooks.findOneBy({ id });
  }

  /** Lock the workspace, count its webhooks, let `assertRoom` refuse, insert: one transaction. */
  insertWithinQuota(webhook: NewWebhook, assertRoom: (plan: PlanName, count: number) => void): Promise<WebhookEntity> {
    return this.dataSource.transaction(async (manager) => {
      const plan = await lockWorkspaceForQuota(manager, webhook.workspaceId);
      assertRoom(plan, await manager.countBy(WebhookEntity, { workspaceId: webhook.workspaceId }));
      await manager.insert(WebhookEntity, webhook);
      return manager.findOneByOrFail(WebhookEntity, { id: webhook.id });
    });
  }

  list(workspaceId: string, after: CursorPosition | null, limit: number): Promise<Positioned<WebhookEntity>[]> {
    const query = this.webhooks.createQueryBuilder('webhook').where('webhook.workspace_id = :workspaceId', {
      workspaceId,
    });
    return findPage(query, {
      column: 'webhook.created_at',
      idColumn: 'webhook.id',
      direction: 'DESC',
      kind: 'timestamp',
      after,
      limit,
    });
  }

  async update(id: string, changes: WebhookChanges): Promise<WebhookEntity> {
    if (Object.keys(changes).length > 0) await this.webhooks.update({ id }, changes);
    return this.webhooks.findOneByOrFail({ id });
  }

  /** Deletes the webhook with its deliveries (ON DELETE CASCADE); events nobody else awaits are purged later. */
  async delete(id: string): Promise<void> {
    await this.webhooks.delete({ id });
  }

  /** The new secret signs from now on; the current one keeps signing beside it until `previousExpiresAt`. */
  async rotateSecret(id: string, secret: string, previousExpiresAt: Date): Promise<WebhookEntity> {
    await this.dataSource.query(
      `UPDATE webhooks SET previous_secret = secret, previous_secret_expires_at = $3, secret = $2, updated_at = now()
       WHERE id = $1`,
      [id, secret, previousExpiresAt],
    );
    return this.webhooks.findOneByOrFail({ id });
  }

  /** An event for this one webhook (the test event), due at once; returns its delivery. */
  async enqueueFor(webhook: WebhookEntity, type: string, data: unknown): Promise<DeliveryRecord> {
    const eventId = await this.dataSource.transaction((manager) =>
      insertWebhookEvent(manager, webhook.workspaceId, type, data, [webhook.id]),
    );
    const [delivery] = await this.dataSource
      .getRepository(WebhookDeliveryEntity)
      .findBy({ eventId, webhookId: webhook.id });
    return { delivery, eventType: type };
  }

  /** A webhook's deliveries, newest first. */
  async listDeliveries(
    webhookId: string,
    after: CursorPosition | null,
    limit: number,
  ): Promise<(DeliveryRecord & { position: CursorPosition })[]> {
    const query = this.dataSource
      .getRepository(WebhookDeliveryEntity)
      .createQueryBuilder('delivery')
      .innerJoinAndSelect('delivery.event', 'event')
      .where('delivery.webhook_id = :webhookId', { webhookId });
    const rows = await findPage(query, {
      column: 'delivery.created_at',
      idColumn: 'delivery.id',
      direction: 'DESC',
      kind: 'timestamp',
      after,
      limit,
    });
    return rows.map(({ entity, position }) => ({ delivery: entity, eventType: entity.event!.type, position }));
  }

  async findDelivery(webhookId: string, id: string): Promise<DeliveryRecord | null> {
    const delivery = await this.dataSource
      .getRepository(WebhookDeliveryEntity)
      .findOne({ where: { id, webhookId }, relations: { event: true } });
    return delivery ? { delivery, eventType: delivery.event!.type } : null;
  }

  /** A new delivery of the same event (same `webhook-id`), due at once. */
  async replay(record: DeliveryRecord, newId: string): Promise<DeliveryRecord> {
    const repository = this.dataSource.getRepository(WebhookDeliveryEntity);
    await repository.insert({
      id: newId,
      webhookId: record.delivery.webhookId,
      eventId: record.delivery.eventId,
      nextAttemptAt: () => 'now()',
    });
    return { delivery: await repository.findOneByOrFail({ id: newId }), eventType: record.eventType };
  }
}
