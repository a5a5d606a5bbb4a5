import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { OmittableNotNull, trimString } from '@app/common';
import { UtmParametersDto } from './utm-parameters.dto';

/** Fields left out stay as they are; null (or blank) clears a parameter. */
export class UpdateUtmTemplateDto extends UtmParametersDto {
  /** Unique in the workspace, ignoring case; surrounding spaces are trimmed. */
  @OmittableNotNull()
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name?: string;
}
