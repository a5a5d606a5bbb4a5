import type { WebhookDeliveryStatus, WebhookEventType } from '@app/database';

export class WebhookDto {
  /** `whk_…` */
  id: string;
  url: string;
  description: string | null;
  eventTypes: WebhookEventType[];
  linkIds: string[] | null;
  folderId: string | null;
  tagId: string | null;
  enabled: boolean;
  /** Set when the server disabled the webhook (`webhook.disabled`): 410 Gone, or too many failed events in a row. */
  disabledReason: string | null;
  disabledAt: string | null;
  /** Events in a row whose every attempt failed. */
  consecutiveFailures: number;
  /** When the secret before the last rotation stops signing; null when only one secret signs. */
  previousSecretExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export class CreatedWebhookDto extends WebhookDto {
  /** The signing secret (`whsec_…`). Shown once: store it now. */
  secret: string;
}

export class WebhookPageDto {
  data: WebhookDto[];
  nextCursor: string | null;
}

export class WebhookDeliveryDto {
  /** `whd_…` */
  id: string;
  /** The `webhook-id` header: the same on every attempt and replay of the event. */
  eventId: string;
  eventType: string;
  /** `pending` (waiting for its next attempt), `delivered` (a 2xx answer) or `failed` (no more attempts). */
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  /** The first 4 kB of the endpoint's last answer. */
  lastResponseBody: string | null;
  createdAt: string;
}

export class WebhookDeliveryPageDto {
  data: WebhookDeliveryDto[];
  nextCursor: string | null;
}
