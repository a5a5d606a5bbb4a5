import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ConversionEventFiltersDto } from './conversion-event-filters.dto';

// The fields of PageQueryDto, repeated: a class extends one class, and the filters are shared with the export.
export class ListConversionEventsQueryDto extends ConversionEventFiltersDto {
  /** Items per page, 1–100. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number = 50;

  /** `nextCursor` of the previous page. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
