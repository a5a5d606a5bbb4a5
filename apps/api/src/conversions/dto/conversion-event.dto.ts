import type { ConversionType } from '@app/database';

export class ConversionCustomerDto {
  /** `cus_…` */
  id: string;
  externalId: string;
  name: string | null;
  email: string | null;
}

/** A lead or a sale, with the dimensions of the click it is attributed to. */
export class ConversionEventDto {
  /** `evt_…` */
  id: string;
  type: ConversionType;
  eventName: string;
  time: string;
  customer: ConversionCustomerDto;
  /** Null when the link has been deleted. */
  linkId: string | null;
  clickId: string | null;
  /** Sales: integer in minor units. */
  amount: number | null;
  currency: string | null;
  invoiceId: string | null;
  eventId: string | null;
  provider: string | null;
  providerEventId: string | null;
  /** The provider's signature header, as sent. */
  providerSignature: string | null;
  metadata: Record<string, unknown> | null;
  country: string | null;
  region: string | null;
  city: string | null;
  device: string | null;
  browser: string | null;
  os: string | null;
  referrer: string | null;
  referrerDomain: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_term: string | null;
  utm_content: string | null;
}

export class ConversionEventPageDto {
  data: ConversionEventDto[];
  nextCursor: string | null;
}
