import { Transform } from 'class-transformer';
import { IsInt, IsObject, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import { trimString } from '@app/common';
import {
  IsCurrencyCode,
  IsProviderName,
  MAX_METADATA_BYTES,
  MaxSerializedSize,
  toUpperCase,
} from './conversion-validators';

export class TrackSaleDto {
  /** The customer of an earlier lead (`customerExternalId` of `POST /api/v1/track/leads`); the sale goes to their link. */
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  customerExternalId: string;

  /** Integer in the currency's minor units (cents for USD), 1 to 10^12. */
  @IsInt()
  @Min(1)
  @Max(1_000_000_000_000)
  amount: number;

  /** ISO 4217 code, e.g. `USD`; lower-case is accepted and stored upper-case. */
  @Transform(toUpperCase)
  @IsCurrencyCode()
  currency: string;

  /** Default `Purchase`. */
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  eventName?: string;

  /** Idempotency key: one sale per invoice in the workspace, forever. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  invoiceId?: string;

  /** Idempotency key, unique in the workspace forever (shared with leads). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  eventId?: string;

  /** Payment provider, a lower-case name such as `stripe` (letters, digits, `_ . -`, at most 64); required with `providerEventId` or `providerSignature`. */
  @ValidateIf(
    (sale: TrackSaleDto) =>
      sale.provider !== undefined || sale.providerEventId !== undefined || sale.providerSignature !== undefined,
  )
  @IsProviderName()
  provider?: string;

  /** The provider's event id (e.g. Stripe's `evt_…`): with `provider`, an idempotency key. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  providerEventId?: string;

  /** The provider's signature header of that event (e.g. `Stripe-Signature`), stored as sent and not verified. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(4096)
  providerSignature?: string;

  /** Any JSON object, at most 10 KB serialized. */
  @IsOptional()
  @IsObject()
  @MaxSerializedSize(MAX_METADATA_BYTES)
  metadata?: Record<string, unknown>;
}
