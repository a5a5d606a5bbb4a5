import { IsIn, IsOptional } from 'class-validator';
import { IsIsoDateTime } from '@app/common';

export class ExportLinkEventsQueryDto {
  /** `csv` (default) or `ndjson`. */
  @IsOptional()
  @IsIn(['csv', 'ndjson'])
  format?: 'csv' | 'ndjson';

  /** Earliest click time included (ISO 8601). */
  @IsOptional()
  @IsIsoDateTime({ strictSeparator: false })
  start?: string;

  /** Clicks before this time (ISO 8601). */
  @IsOptional()
  @IsIsoDateTime({ strictSeparator: false })
  end?: string;
}
