import { IsIn, IsOptional } from 'class-validator';
import { ConversionEventFiltersDto } from './conversion-event-filters.dto';

export const EXPORT_FORMATS = ['csv', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export class ExportConversionEventsQueryDto extends ConversionEventFiltersDto {
  /** `csv` (default, with a header row) or `ndjson` (one JSON event per line, as in the event list). */
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: ExportFormat = 'csv';
}
