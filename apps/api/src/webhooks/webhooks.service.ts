import { Injectable } from '@nestjs/common';
import { assertWorkspaceAccess, AuthContext } from '@app/auth';
import { AppException, decodeCursor, newId, Page, PageQueryDto, toPage } from '@app/common';
import type { WebhookEntity } from '@app/database';
import { assertWithinQuota } from '@app/plans';
import type { CreateWebhookDto } from './dto/create-webhook.dto';
import type { RotateWebhookSecretDto } from './dto/rotate-webhook-secret.dto';
import type { UpdateWebhookDto } from './dto/update-webhook.dto';
import type { CreatedWebhookDto, WebhookDeliveryDto, WebhookDto } from './dto/webhook.dto';
import { WebhookClock } from './webhook-clock';
import { generateWebhookSecret } from './webhook-signing';
import { WebhookTargets } from './webhook-targets';
import { toWebhookDeliveryDto, toWebhookDto } from './webhooks.mapper';
import { WebhookChanges, WebhooksRepository } from './webhooks.repository';

const NOT_FOUND = 'Webhook not found';
const DELIVERY_NOT_FOUND = 'Webhook delivery not found';
const DEFAULT_GRACE_SECONDS = 86_400;

@Injectable()
export class WebhooksService {
  constructor(
    private readonly repository: WebhooksRepository,
    private readonly targets: WebhookTargets,
    private readonly clock: WebhookClock,
  ) {}

  async list(auth: AuthContext, query: PageQueryDto): Promise<Page<WebhookDto>> {
    const limit = query.limit ?? 50;
    const rows = await this.repository.list(auth.workspaceId, decodeCursor(query.cursor), limit + 1);
    const now = this.clock.now();
    return toPage(
      rows,
      limit,
      (row) => row.position,
      (row) => toWebhookDto(row.entity, now),
    );
  }

  async get(auth: AuthContext, id: string): Promise<WebhookDto> {
    return toWebhookDto(await this.findOwned(auth, id), this.clock.now());
  }

  async create(auth: AuthContext, dto: CreateWebhookDto): Promise<CreatedWebhookDto> {
    await this.assertReachable(dto.url);
    const secret = generateWebhookSecret();
    const created = await this.repository.insertWithinQuota(
      {
        id: newId('webhook'),
        workspaceId: auth.workspaceId,
        url: dto.url,
        description: dto.description ?? null,
        eventTypes: [...new Set(dto.eventTypes)],
        linkIds: dto.linkIds ? [...new Set(dto.linkIds)] : null,
        folderId: dto.folderId ?? null,
        tagId: dto.tagId ?? null,
        secret,
      },
      (plan, count) => assertWithinQuota(plan, 'webhooks', count),
    );
    return { ...toWebhookDto(created, this.clock.now()), secret };
  }

  async update(auth: AuthContext, id: string, dto: UpdateWebhookDto): Promise<WebhookDto> {
    const webhook = await this.findOwned(auth, id);
    if (dto.url !== undefined && dto.url !== webhook.url) await this.assertReachable(dto.url);
    const changes: WebhookChanges = {};
    if (dto.url !== undefined) changes.url = dto.url;
    if (dto.description !== undefined) changes.description = dto.description;
    if (dto.eventTypes !== undefined) changes.eventTypes = [...new Set(dto.eventTypes)];
    if (dto.linkIds !== undefined) changes.linkIds = dto.linkIds ? [...new Set(dto.linkIds)] : null;
    if (dto.folderId !== undefined) changes.folderId = dto.folderId;
    if (dto.tagId !== undefined) changes.tagId = dto.tagId;
    if (dto.enabled === true && !webhook.enabled)
      Object.assign(changes, { enabled: true, disabledReason: null, disabledAt: null, consecutiveFailures: 0 });
    if (dto.enabled === false && webhook.enabled)
      Object.assign(changes, { enabled: false, disabledReason: null, disabledAt: this.clock.now() });
    return toWebhookDto(await this.repository.update(webhook.id, changes), this.clock.now());
  }

  async delete(auth: AuthContext, id: string): Promise<void> {
    await this.repository.delete((await this.findOwned(auth, id)).id);
  }

  /** A new secret, shown once; the old one signs beside it for the grace period, so receivers can switch. */
  async rotateSecret(auth: AuthContext, id: string, dto: RotateWebhookSecretDto): Promise<CreatedWebhookDto> {
    const webhook = await this.findOwned(auth, id);
    const secret = generateWebhookSecret();
    const graceMs = (dto.gracePeriodSeconds ?? DEFAULT_GRACE_SECONDS) * 1000;
    const rotated = await this.repository.rotateSecret(
      webhook.id,
      secret,
      new Date(this.clock.now().getTime() + graceMs),
    );
    return { ...toWebhookDto(rotated, this.clock.now()), secret };
  }

  /** Queues a `webhook.test` event for this webhook alone (even when disabled: it waits until enabled). */
  async sendTest(auth: AuthContext, id: string): Promise<WebhookDeliveryDto> {
    const webhook = await this.findOwned(auth, id);
    const data = { webhookId: webhook.id, message: 'This is a test event from LinkTrace.' };
    return toWebhookDeliveryDto(await this.repository.enqueueFor(webhook, 'webhook.test', data));
  }

  async listDeliveries(auth: AuthContext, id: string, query: PageQueryDto): Promise<Page<WebhookDeliveryDto>> {
    const webhook = await this.findOwned(auth, id);
    const limit = query.limit ?? 50;
    const rows = await this.repository.listDeliveries(webhook.id, decodeCursor(query.cursor), limit + 1);
    return toPage(rows, limit, (row) => row.position, toWebhookDeliveryDto);
  }

  /** Sends the delivery's event again, as a new delivery with the same `webhook-id`. */
  async replay(auth: AuthContext, id: string, deliveryId: string): Promise<WebhookDeliveryDto> {
    const webhook = await this.findOwned(auth, id);
    const delivery = await this.repository.findDelivery(webhook.id, deliveryId);
    if (!delivery) throw AppException.notFound(DELIVERY_NOT_FOUND);
    return toWebhookDeliveryDto(await this.repository.replay(delivery, newId('webhookDelivery')));
  }

  private async findOwned(auth: AuthContext, id: string): Promise<WebhookEntity> {
    return assertWorkspaceAccess(auth, await this.repository.findById(id), NOT_FOUND);
  }

  /** Refuses a URL that is not https (unless allowed) or whose host resolves to an internal address. */
  private async assertReachable(url: string): Promise<void> {
    const target = await this.targets.resolve(url);
    if ('refused' in target) throw AppException.invalidField('url', target.refused);
  }
}
