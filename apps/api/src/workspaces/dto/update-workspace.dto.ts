import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsTimeZone } from '@app/common';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const lowerCaseAll = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item.trim().toLowerCase() : item)) : value;

/** A host name, optionally with a leading `*.` wildcard label. */
export const HOSTNAME_PATTERN =
  /^(\*\.)?(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

export class UpdateWorkspaceDto {
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name?: string;

  /** Host names publishable keys may be used from; `*.example.com` matches sub-domains. Empty = any origin. */
  @IsOptional()
  @Transform(lowerCaseAll)
  @IsArray()
  @ArrayMaxSize(50)
  @ApiProperty({ type: [String], maxItems: 50, items: { type: 'string', maxLength: 253 } })
  @MaxLength(253, { each: true })
  @Matches(HOSTNAME_PATTERN, {
    each: true,
    message: 'each allowedHostnames entry must be a host name such as shop.example.com or *.example.com',
  })
  allowedHostnames?: string[];

  /** IANA time zone (`Europe/Paris`) the dashboard's analytics use by default for days, weeks and months. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @IsTimeZone()
  timeZone?: string;
}
