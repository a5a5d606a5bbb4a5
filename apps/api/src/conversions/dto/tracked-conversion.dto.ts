import type { ConversionType } from '@app/database';

export class TrackedCustomerDto {
  /** `cus_…` */
  id: string;
  externalId: string;
}

/**
 * The answer to a conversion write: 201 when this request recorded the event, 200 when an earlier request
 * with the same idempotency key did (the first event, unchanged). Metadata, customer details and the click's
 * dimensions are not echoed: publishable keys, which write from browsers, must not read anything back.
 */
export class TrackedConversionDto {
  /** `evt_…` */
  id: string;
  type: ConversionType;
  eventName: string;
  time: string;
  customer: TrackedCustomerDto;
  /** The attributed link; null when it has been deleted. */
  linkId: string | null;
  /** The click the conversion is attributed to (for a sale, the click of the customer's lead). */
  clickId: string | null;
  /** Sales: integer in minor units. */
  amount: number | null;
  currency: string | null;
  invoiceId: string | null;
  eventId: string | null;
  provider: string | null;
  providerEventId: string | null;
}
