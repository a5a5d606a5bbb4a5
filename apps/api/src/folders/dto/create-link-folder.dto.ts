import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { blankToNull, trimString } from '@app/common';

export class CreateLinkFolderDto {
  /** Unique in the workspace, ignoring case; surrounding spaces are trimmed. */
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;

  /** A blank description is stored as null. */
  @IsOptional()
  @Transform(blankToNull)
  @IsString()
  @MaxLength(500)
  description?: string | null;
}
