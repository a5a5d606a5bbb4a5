import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { blankToNull, OmittableNotNull, trimString } from '@app/common';

export class UpdateLinkFolderDto {
  /** Unique in the workspace, ignoring case; surrounding spaces are trimmed. */
  @OmittableNotNull()
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name?: string;

  /** null or blank clears it. */
  @IsOptional()
  @Transform(blankToNull)
  @IsString()
  @MaxLength(500)
  description?: string | null;
}
