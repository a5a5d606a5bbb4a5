import type { ConversionRecord } from './conversions.repository';

/** The CSV columns of a conversion event export, in order. */
export const CONVERSION_CSV_COLUMNS: { name: string; value: (event: ConversionRecord) => unknown }[] = (
  [
    ['id', (event) => event.id],
    ['time', (event) => event.time.toISOString()],
    ['type', (event) => event.type],
    ['event_name', (event) => event.eventName],
    ['customer_id', (event) => event.customer.id],
    ['customer_external_id', (event) => event.customer.externalId],
    ['customer_name', (event) => event.customer.name],
    ['customer_email', (event) => event.customer.email],
    ['link_id', (event) => event.linkId],
    ['click_id', (event) => event.clickId],
    ['amount', (event) => event.amount],
    ['currency', (event) => event.currency],
    ['invoice_id', (event) => event.invoiceId],
    ['event_id', (event) => event.eventId],
    ['provider', (event) => event.provider],
    ['provider_event_id', (event) => event.providerEventId],
    ['country', (event) => event.country],
    ['region', (event) => event.region],
    ['city', (event) => event.city],
    ['device', (event) => event.device],
    ['browser', (event) => event.browser],
    ['os', (event) => event.os],
    ['referrer', (event) => event.referrer],
    ['referrer_domain', (event) => event.referrerDomain],
    ['utm_source', (event) => event.utmSource],
    ['utm_medium', (event) => event.utmMedium],
    ['utm_campaign', (event) => event.utmCampaign],
    ['utm_term', (event) => event.utmTerm],
    ['utm_content', (event) => event.utmContent],
    ['metadata', (event) => (event.metadata === null ? null : JSON.stringify(event.metadata))],
  ] as [string, (event: ConversionRecord) => unknown][]
).map(([name, value]) => ({ name, value }));
