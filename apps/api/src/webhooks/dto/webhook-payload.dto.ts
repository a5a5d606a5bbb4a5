import { ApiProperty } from '@nestjs/swagger';
import type { WebhookEventType } from '@app/database';
import { ConversionEventDto } from '../../conversions/dto/conversion-event.dto';
import { DomainDto } from '../../domains/dto/domain.dto';
import { LinkDto } from '../../links/dto/link.dto';

/**
 * The bodies LinkTrace POSTs to webhooks (docs/WEBHOOKS.md): schemas of openapi.json (so the SDK's
 * `components['schemas']`), each named by its event types in the document's `x-webhooks` section.
 */
export class LinkWebhookEventDto {
  /** `msg_…`, also the `webhook-id` header. */
  id: string;
  type: 'link.created' | 'link.updated' | 'link.deleted';
  createdAt: string;
  /** The link as `GET /api/v1/links/:id` returns it (for `link.deleted`: as it was). */
  data: LinkDto;
}

export class ClickedLinkDto {
  /** `clk_…` */
  id: string;
  linkId: string;
  time: string;
  domain: string;
  url: string;
  country: string | null;
  region: string | null;
  city: string | null;
  device: 'desktop' | 'mobile' | 'tablet' | 'other';
  browser: string | null;
  os: string | null;
  referrer: string | null;
  referrerDomain: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmTerm: string | null;
  utmContent: string | null;
}

export class ClickWebhookEventDto {
  /** `msg_<click id>`, also the `webhook-id` header. */
  id: string;
  // One literal is not an enum to the Swagger plugin: said here, so the SDK can tell the events apart by `type`.
  @ApiProperty({ enum: ['link.clicked'] })
  type: 'link.clicked';
  createdAt: string;
  data: ClickedLinkDto;
}

export class ConversionWebhookEventDto {
  id: string;
  type: 'lead.created' | 'sale.created';
  createdAt: string;
  /** The event as `GET /api/v1/conversions/events` lists it. */
  data: ConversionEventDto;
}

export class DomainWebhookEventDto {
  id: string;
  type: 'domain.verified' | 'domain.failing';
  createdAt: string;
  /** The domain as `GET /api/v1/domains` lists it. */
  data: DomainDto;
}

export class TestWebhookEventData {
  webhookId: string;
  message: string;
}

export class TestWebhookEventDto {
  id: string;
  @ApiProperty({ enum: ['webhook.test'] })
  type: 'webhook.test';
  createdAt: string;
  data: TestWebhookEventData;
}

/** The body of each event type: one `x-webhooks` entry each in openapi.json. */
export const WEBHOOK_PAYLOADS: Record<WebhookEventType | 'webhook.test', { name: string }> = {
  'link.created': LinkWebhookEventDto,
  'link.updated': LinkWebhookEventDto,
  'link.deleted': LinkWebhookEventDto,
  'link.clicked': ClickWebhookEventDto,
  'lead.created': ConversionWebhookEventDto,
  'sale.created': ConversionWebhookEventDto,
  'domain.verified': DomainWebhookEventDto,
  'domain.failing': DomainWebhookEventDto,
  'webhook.test': TestWebhookEventDto,
};

/** Every webhook body, for `extraModels`. */
export const WEBHOOK_PAYLOAD_MODELS = [...new Set(Object.values(WEBHOOK_PAYLOADS))] as (new () => unknown)[];
