import type { ConversionRecord } from './conversions.repository';
import type { ConversionEventDto } from './dto/conversion-event.dto';

type CsvValue = string | number | null;

const CSV_COLUMNS: [string, (event: ConversionRecord) => CsvValue][] = [
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
];

export const CSV_HEADER = `${CSV_COLUMNS.map(([name]) => name).join(',')}\r\n`;

/** RFC 4180 line (CRLF). Text a spreadsheet would run as a formula (=, +, -, @, tab, CR) is prefixed with `'`. */
export function toCsvLine(event: ConversionRecord): string {
  return `${CSV_COLUMNS.map(([, value]) => csvField(value(event))).join(',')}\r\n`;
}

export function toNdjsonLine(event: ConversionEventDto): string {
  return `${JSON.stringify(event)}\n`;
}

function csvField(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
