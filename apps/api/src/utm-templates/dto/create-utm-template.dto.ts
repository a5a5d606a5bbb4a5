import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { trimString } from '@app/common';
import { UtmParametersDto } from './utm-parameters.dto';

export class CreateUtmTemplateDto extends UtmParametersDto {
  /** Unique in the workspace, ignoring case; surrounding spaces are trimmed. */
  @Transform(trimString)
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name: string;
}
