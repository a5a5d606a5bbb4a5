import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ConversionRangeQueryDto } from './conversion-range-query.dto';

export class ConversionSummaryQueryDto extends ConversionRangeQueryDto {
  /** Only this link. */
  @IsOptional()
  @IsString()
  @MaxLength(32)
  linkId?: string;

  /** How many links `links` lists, 1–100. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  top?: number = 10;
}
