import type { WebhookEntity } from '@app/database';
import type { WebhookDeliveryDto, WebhookDto } from './dto/webhook.dto';
import type { DeliveryRecord } from './webhooks.repository';

export function toWebhookDto(webhook: WebhookEntity, now: Date): WebhookDto {
  const previousActive = webhook.previousSecretExpiresAt && webhook.previousSecretExpiresAt > now;
  return {
    id: webhook.id,
    url: webhook.url,
    description: webhook.description,
    eventTypes: webhook.eventTypes,
    linkIds: webhook.linkIds,
    folderId: webhook.folderId,
    tagId: webhook.tagId,
    enabled: webhook.enabled,
    disabledReason: webhook.disabledReason,
    disabledAt: webhook.disabledAt?.toISOString() ?? null,
    consecutiveFailures: webhook.consecutiveFailures,
    previousSecretExpiresAt: previousActive ? webhook.previousSecretExpiresAt!.toISOString() : null,
    createdAt: webhook.createdAt.toISOString(),
    updatedAt: webhook.updatedAt.toISOString(),
  };
}

export function toWebhookDeliveryDto({ delivery, eventType }: DeliveryRecord): WebhookDeliveryDto {
  return {
    id: delivery.id,
    eventId: delivery.eventId,
    eventType,
    status: delivery.status,
    attempts: delivery.attempts,
    nextAttemptAt: delivery.status === 'pending' ? (delivery.nextAttemptAt?.toISOString() ?? null) : null,
    lastAttemptAt: delivery.lastAttemptAt?.toISOString() ?? null,
    lastStatusCode: delivery.lastStatusCode,
    lastError: delivery.lastError,
    lastResponseBody: delivery.lastResponseBody,
    createdAt: delivery.createdAt.toISOString(),
  };
}
