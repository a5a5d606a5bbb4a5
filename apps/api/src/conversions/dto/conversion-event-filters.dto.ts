import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsIsoDateTime, trimString } from '@app/common';
import type { ConversionType } from '@app/database';

export const CONVERSION_TYPES: readonly ConversionType[] = ['lead', 'sale'];

/** Filters of the event list and the export. */
export class ConversionEventFiltersDto {
  /** `lead` or `sale`. */
  @IsOptional()
  @IsIn(CONVERSION_TYPES)
  type?: ConversionType;

  /** Only events attributed to this link. */
  @IsOptional()
  @IsString()
  @MaxLength(32)
  linkId?: string;

  /** Only events of this customer (your own id). */
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(255)
  customerExternalId?: string;

  /** ISO 8601, inclusive. */
  @IsOptional()
  @IsIsoDateTime()
  start?: string;

  /** ISO 8601, exclusive. */
  @IsOptional()
  @IsIsoDateTime()
  end?: string;
}
