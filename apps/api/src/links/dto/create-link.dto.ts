import { Transform } from 'class-transformer';
import { IsDestinationUrl, trim } from './link-validators';
import { LinkFieldsDto } from './link-fields.dto';

export class CreateLinkDto extends LinkFieldsDto {
  /**
   * Destination: an absolute http(s) URL, at most 8192 characters, without credentials, not on a short
   * domain of this server. Its query string is kept as sent.
   */
  @Transform(trim)
  @IsDestinationUrl()
  url: string;
}
