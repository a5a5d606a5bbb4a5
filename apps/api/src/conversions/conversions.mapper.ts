import type { ConversionRecord } from './conversions.repository';
import type { ConversionEventDto } from './dto/conversion-event.dto';
import type { TrackedConversionDto } from './dto/tracked-conversion.dto';

export function toTrackedConversionDto(event: ConversionRecord): TrackedConversionDto {
  return {
    id: event.id,
    type: event.type,
    eventName: event.eventName,
    time: event.time.toISOString(),
    customer: { id: event.customer.id, externalId: event.customer.externalId },
    linkId: event.linkId,
    clickId: event.clickId,
    amount: event.amount,
    currency: event.currency,
    invoiceId: event.invoiceId,
    eventId: event.eventId,
    provider: event.provider,
    providerEventId: event.providerEventId,
  };
}

export function toConversionEventDto(event: ConversionRecord): ConversionEventDto {
  return {
    id: event.id,
    type: event.type,
    eventName: event.eventName,
    time: event.time.toISOString(),
    customer: {
      id: event.customer.id,
      externalId: event.customer.externalId,
      name: event.customer.name,
      email: event.customer.email,
    },
    linkId: event.linkId,
    clickId: event.clickId,
    amount: event.amount,
    currency: event.currency,
    invoiceId: event.invoiceId,
    eventId: event.eventId,
    provider: event.provider,
    providerEventId: event.providerEventId,
    providerSignature: event.providerSignature,
    metadata: event.metadata,
    country: event.country,
    region: event.region,
    city: event.city,
    device: event.device,
    browser: event.browser,
    os: event.os,
    referrer: event.referrer,
    referrerDomain: event.referrerDomain,
    utm_source: event.utmSource,
    utm_medium: event.utmMedium,
    utm_campaign: event.utmCampaign,
    utm_term: event.utmTerm,
    utm_content: event.utmContent,
  };
}
