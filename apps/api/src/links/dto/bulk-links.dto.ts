import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsObject,
  IsString,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import type { ErrorBody } from '@app/common';
import { CreateLinkDto } from './create-link.dto';
import { LinkDto } from './link.dto';
import { UpdateLinkDto } from './update-link.dto';

export class BulkCreateLinksDto {
  /**
   * 1–100 links, each as `POST /links` takes it. Each is validated on its own: a bad one gets its own 400
   * result and the others are still created.
   */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsObject({ each: true })
  links: CreateLinkDto[];
}

export class BulkUpdateLinksDto {
  /** 1–100 link ids (`link_…`); or `externalIds`, not both. */
  @ValidateIf((dto: BulkUpdateLinksDto) => dto.externalIds === undefined || dto.ids !== undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(300, { each: true })
  ids?: string[];

  /** 1–100 of your own ids; or `ids`, not both. */
  @ValidateIf((dto: BulkUpdateLinksDto) => dto.ids === undefined || dto.externalIds !== undefined)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(255, { each: true })
  externalIds?: string[];

  /** The change applied to every link, as `PATCH /links/{id}` takes it. */
  @IsObject()
  @ValidateNested()
  @Type(() => UpdateLinkDto)
  data: UpdateLinkDto;
}

export class BulkDeleteLinksDto {
  /** 1–100 link ids (`link_…` or `ext_<externalId>`). */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(300, { each: true })
  ids: string[];
}

export class BulkLinkResultDto {
  /** Position of the item in the request. */
  index: number;
  /** What the single route would have answered for this item: 201, 200, 204, or an error status. */
  status: number;
  /** The link as created or updated (absent on errors and deletions). */
  link?: LinkDto;
  /** The error body the single route would have answered for this item. */
  @ApiPropertyOptional({ allOf: [{ $ref: '#/components/schemas/Error' }] })
  error?: ErrorBody;
}

export class BulkLinkResultsDto {
  /** One result per item, in request order. */
  results: BulkLinkResultDto[];
}
