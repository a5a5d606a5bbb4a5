import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { blankToNull } from '@app/common';

/** The parameters a template adds to a destination; each optional, blank or null = none. */
export class UtmParametersDto {
  @IsOptional()
  @Transform(blankToNull)
  @IsString()
  @MaxLength(255)
  utm_source?: string | null;

  @IsOptional()
  @Transform(blankToNull)
  @IsString()
  @MaxLength(255)
  utm_medium?: string | null;

  @IsOptional()
  @Transform(blankToNull)
  @IsString()
  @MaxLength(255)
  utm_campaign?: string | null;

  @IsOptional()
  @Transform(blankToNull)
  @IsString()
  @MaxLength(255)
  utm_term?: string | null;

  @IsOptional()
  @Transform(blankToNull)
  @IsString()
  @MaxLength(255)
  utm_content?: string | null;

  /** `ref` query parameter. */
  @IsOptional()
  @Transform(blankToNull)
  @IsString()
  @MaxLength(255)
  ref?: string | null;
}
