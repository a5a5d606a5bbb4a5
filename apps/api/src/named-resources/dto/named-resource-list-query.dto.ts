import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto, trimString } from '@app/common';

export class NamedResourceListQueryDto extends PageQueryDto {
  /** Only those whose name contains this text (any letter case). */
  @IsOptional()
  @Transform(trimString)
  @IsString()
  @MaxLength(100)
  search?: string;
}
