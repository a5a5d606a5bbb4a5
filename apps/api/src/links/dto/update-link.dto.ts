import { Transform } from 'class-transformer';
import { IsDestinationUrl, IsOptionalNotNull, trim } from './link-validators';
import { LinkFieldsDto } from './link-fields.dto';

/** Only the fields sent change. Changing `domain` or `slug` frees the old short link. */
export class UpdateLinkDto extends LinkFieldsDto {
  /** New destination (same rules as on creation). */
  @IsOptionalNotNull()
  @Transform(trim)
  @IsDestinationUrl()
  url?: string;
}
