import { Transform } from 'class-transformer';
import { IsEmail, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { trimString } from '@app/common';
import { CLICK_ID_PATTERN, MAX_METADATA_BYTES, MaxSerializedSize } from './conversion-validators';

export class TrackLeadDto {
  /** The click the visitor came from: the `lt_id` the redirect appended to the destination (client.js keeps it in the `lt_id` cookie). */
  @IsString()
  @MaxLength(32)
  @Matches(CLICK_ID_PATTERN, { message: 'clickId must be the lt_id the redirect appended to the destination (clk_…)' })
  clickId: string;

  /** What happened, e.g. `Sign up`. */
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  eventName: string;

  /** Your own id for the customer; a customer is created the first time it is seen, updated afterwards. */
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  customerExternalId: string;

  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(255)
  customerName?: string;

  @IsOptional()
  @Transform(trimString)
  @IsEmail()
  @MaxLength(320)
  customerEmail?: string;

  /**
   * Idempotency key, unique in the workspace forever: a retry answers 200 with the first event and records
   * nothing; the same key for a different event (other customer or click) is 409.
   */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  eventId?: string;

  /** Any JSON object, at most 10 KB serialized. */
  @IsOptional()
  @IsObject()
  @MaxSerializedSize(MAX_METADATA_BYTES)
  metadata?: Record<string, unknown>;
}
