import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsPreviewImageUrl, trim } from './link-validators';

export const OG_TITLE_MAX_LENGTH = 200;
export const OG_DESCRIPTION_MAX_LENGTH = 500;

/** What link-preview crawlers (Slack, X, Facebook, WhatsApp…) show for the link; each field may be left out or null. */
export class SocialPreviewDto {
  /** `og:title` / `twitter:title`. */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(OG_TITLE_MAX_LENGTH)
  title?: string | null;

  /** `og:description` / `twitter:description`. */
  @IsOptional()
  @IsString()
  @MaxLength(OG_DESCRIPTION_MAX_LENGTH)
  description?: string | null;

  /** `og:image` / `twitter:image`: an absolute http(s) URL on a public host (not an IP of a private network, not localhost). */
  @IsOptional()
  @Transform(trim)
  @IsPreviewImageUrl()
  image?: string | null;
}

/** The social preview as the API returns it. */
export class SocialPreviewViewDto {
  title: string | null;
  description: string | null;
  image: string | null;
}
