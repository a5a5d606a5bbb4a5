import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IsIsoDateTime } from '@app/common';
import { ALL_SCOPE_GRANTS, ScopeGrant } from '@app/auth';
import type { ApiKeyType } from '@app/database';

export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateApiKeyDto {
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  /** `secret` (default; server-side, scoped) or `publishable` (browser conversion writes only). */
  @IsOptional()
  @IsIn(['secret', 'publishable'])
  type?: ApiKeyType;

  /**
   * Route groups the key may use; `<scope>:read` grants only GET routes. A secret key needs at least one; a key
   * creating a key without `scopes` gives it its own scopes (never more). Publishable keys always have `["conversions"]`.
   */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ALL_SCOPE_GRANTS.length)
  @ApiProperty({ enum: ALL_SCOPE_GRANTS, isArray: true, maxItems: ALL_SCOPE_GRANTS.length })
  @IsIn(ALL_SCOPE_GRANTS, { each: true, message: `each scope must be one of: ${ALL_SCOPE_GRANTS.join(', ')}` })
  scopes?: ScopeGrant[];

  /**
   * ISO 8601 time after which the key answers 401 api_key_expired. A key creating a key with an expiry passes it on:
   * the new key expires at the latest then (the default).
   */
  @IsOptional()
  @IsIsoDateTime()
  expiresAt?: string;

  /**
   * Sustained requests per minute for this key (bursts of twice that); default 100. For a publishable key the
   * limit applies per visitor IP, default 30. A key creating a key passes on its own limit, which is also the maximum.
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  rateLimit?: number;

  /**
   * Create the key for a new machine user named after the key, instead of for yourself (owner or admin, or a key
   * of an owner or admin).
   */
  @IsOptional()
  @IsBoolean()
  machineUser?: boolean;
}
