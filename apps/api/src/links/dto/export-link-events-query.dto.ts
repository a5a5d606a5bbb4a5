import { IsIn, IsISO8601, IsOptional } from 'class-validator';

export class ExportLinkEventsQueryDto {
  /** `csv` (default) or `ndjson`. */
  @IsOptional()
  @IsIn(['csv', 'ndjson'])
  format?: 'csv' | 'ndjson';

  /** Earliest click time included (ISO 8601). */
  @IsOptional()
  @IsISO8601({ strict: true })
  start?: string;

  /** Clicks before this time (ISO 8601). */
  @IsOptional()
  @IsISO8601({ strict: true })
  end?: string;
}
