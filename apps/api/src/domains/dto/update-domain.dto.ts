import { Type } from 'class-transformer';
import { IsBoolean, IsObject, IsOptional, ValidateIf, ValidateNested } from 'class-validator';
import { IsDestinationUrl } from '@app/common';
import { DomainAppsDto } from './domain-apps.dto';

/** Domain metadata (creator plan or above). `null` clears a URL. */
export class UpdateDomainDto {
  /** Where unknown slugs on this domain redirect, instead of the 404 page. */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsDestinationUrl()
  notFoundUrl?: string | null;

  /** Where the domain's root (`/`) redirects. */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsDestinationUrl()
  rootUrl?: string | null;

  /** Where expired links on this domain redirect when the link sets no expiredUrl. */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsDestinationUrl()
  expiredUrl?: string | null;

  /** Ask search engines not to index this domain's links (`X-Robots-Tag: noindex`). */
  @IsOptional()
  @IsBoolean()
  noIndex?: boolean;

  /**
   * The iOS and Android apps that open the domain's links, published at `/.well-known/apple-app-site-association`
   * and `/.well-known/assetlinks.json`. Replaces the domain's apps; null removes them.
   */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsObject()
  @ValidateNested()
  @Type(() => DomainAppsDto)
  apps?: DomainAppsDto | null;
}
