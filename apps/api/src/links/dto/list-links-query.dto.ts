import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '@app/common';
import { trim } from './link-validators';

export const LINK_SORTS = ['createdAt', 'clicks'] as const;
export type LinkSort = (typeof LINK_SORTS)[number];

// Query strings carry text: only the two spellings of a boolean are accepted, anything else fails IsBoolean.
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListLinksQueryDto extends PageQueryDto {
  /** Case-insensitive substring of the slug, the destination URL or the title. */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  search?: string;

  /** Only links of this short domain. */
  @IsOptional()
  @IsString()
  @MaxLength(253)
  domain?: string;

  /** Only links in this folder. */
  @IsOptional()
  @IsString()
  @MaxLength(32)
  folderId?: string;

  /** Only links with this tag. */
  @IsOptional()
  @IsString()
  @MaxLength(32)
  tagId?: string;

  /**
   * `true`: only archived links; `false`: only links not archived. When absent, both are listed (a list
   * that silently hid links would look like data loss).
   */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  archived?: boolean;

  /** `createdAt` (default): newest first; `clicks`: most clicked first. Ties are ordered by id. */
  @IsOptional()
  @IsIn(LINK_SORTS)
  sort?: LinkSort = 'createdAt';
}
