import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import type { ImportRowStatus, LinkImportFormat, LinkImportOnConflict, LinkImportStatus } from '@app/database';
import { IMPORT_FORMATS } from '../import-formats';

// Form fields carry text: only the two spellings of a boolean are accepted, anything else fails IsBoolean.
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** The form fields sent with the file of `POST /imports`. */
export class CreateImportDto {
  /** The export's platform; detected from the header row when left out. */
  @IsOptional()
  @IsIn(IMPORT_FORMATS)
  @ApiPropertyOptional({ enum: IMPORT_FORMATS })
  format?: LinkImportFormat;

  /** `true`: answer what each row would do, write nothing. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  dryRun?: boolean;

  /** A row whose external id or short link is the workspace's link already: reported (`skip`, the default) or `update` it. */
  @IsOptional()
  @IsIn(['skip', 'update'])
  @ApiPropertyOptional({ enum: ['skip', 'update'] })
  onConflict?: LinkImportOnConflict;
}

/** The multipart body of `POST /imports` (for the OpenAPI document). */
export class CreateImportFormDto extends CreateImportDto {
  /** The CSV file, at most 50 MB. */
  @ApiProperty({ type: 'string', format: 'binary' })
  file: unknown;
}

export class ImportRowErrorDto {
  code: string;
  message: string;
}

export class ImportRowResultDto {
  /** 1 = the first row after the header. */
  row: number;
  @ApiProperty({ enum: ['created', 'updated', 'conflict', 'error'] })
  status: ImportRowStatus;
  /** The link created or updated, or the one in the way of a conflict when it is the workspace's. */
  linkId: string | null;
  shortLink: string | null;
  error: ImportRowErrorDto | null;
  /** Something kept differently than the file asked (a domain that is not the workspace's). */
  note: string | null;
}

export class ImportCountsDto {
  created: number;
  updated: number;
  conflict: number;
  error: number;
}

export class ImportDryRunDto {
  @ApiProperty({ enum: IMPORT_FORMATS })
  format: LinkImportFormat;
  totalRows: number;
  /** What all the rows would do. */
  counts: ImportCountsDto;
  /** What each row would do, the first 1,000 rows. */
  rows: ImportRowResultDto[];
}

export class ImportDto {
  id: string;
  @ApiProperty({ enum: IMPORT_FORMATS })
  format: LinkImportFormat;
  @ApiProperty({ enum: ['skip', 'update'] })
  onConflict: LinkImportOnConflict;
  @ApiProperty({ enum: ['queued', 'running', 'completed', 'failed'] })
  status: LinkImportStatus;
  fileName: string | null;
  totalRows: number;
  processedRows: number;
  counts: ImportCountsDto;
  /** The first 100 rows not imported (conflicts and errors); the report lists every row. */
  problems: ImportRowResultDto[];
  /** Why the import stopped, when `status` is `failed`. */
  failure: string | null;
  createdAt: string;
  finishedAt: string | null;
}
