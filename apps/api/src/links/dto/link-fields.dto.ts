import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsIsoDateTime } from '@app/common';
import { MAX_TEST_VARIANTS, MIN_TEST_VARIANTS } from '../link-ab-test';
import {
  IsDestinationUrl,
  IsDeviceDestination,
  IsGeoTargets,
  IsOptionalNotNull,
  IsSlug,
  IsTestVariantShares,
  trim,
} from './link-validators';
import { SocialPreviewDto } from './social-preview.dto';
import { TestVariantDto } from './test-variant.dto';

/**
 * Fields a link is created and updated with. Nullable fields take `null` to clear them (on update);
 * the others may be left out but never set to null.
 */
export abstract class LinkFieldsDto {
  /**
   * Host of the short link; default: the default short domain. Only the default short domain is accepted
   * until custom domains are supported.
   */
  @IsOptionalNotNull()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(253)
  domain?: string;

  /**
   * The path of the short link: 1–190 letters, digits, `_` or `-`, unique per domain, case-sensitive.
   * Reserved: api, docs, app, admin, metrics, health, static, assets and anything starting with `api` or `_`.
   * When absent on creation, 7 random base62 characters.
   */
  @IsOptionalNotNull()
  @IsSlug()
  slug?: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  title?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string | null;

  /**
   * Social preview (starter plan or above): what link-preview crawlers (Slack, X, Facebook, LinkedIn, WhatsApp…)
   * show for the short link, as Open Graph and Twitter card tags, instead of following it. null removes it.
   */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsObject()
  @ValidateNested()
  @Type(() => SocialPreviewDto)
  og?: SocialPreviewDto | null;

  /** Your own id for the link, unique in the workspace; the link can then be addressed as `ext_<externalId>`. */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  externalId?: string | null;

  /** A folder of the workspace (`fld_…`); null = none. */
  @IsOptional()
  @IsString()
  @MaxLength(32)
  folderId?: string | null;

  /** Tags of the workspace (`tag_…`); replaces the link's tags on update. */
  @IsOptionalNotNull()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(32, { each: true })
  tagIds?: string[];

  /** Added to the destination's query by the redirect (the URL's own query string is kept as it is). */
  @IsOptional()
  @IsString()
  @MaxLength(255)
  utm_source?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(255)
  utm_medium?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(255)
  utm_campaign?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(255)
  utm_term?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(255)
  utm_content?: string | null;

  /**
   * Applies a UTM template of the workspace (`utm_…`): its utm_* values and its `ref` query parameter.
   * utm_* fields sent in the same request win over the template's; a `ref` already in the URL is kept.
   */
  @IsOptional()
  @IsString()
  @MaxLength(32)
  utmTemplateId?: string;

  /**
   * After this time the link answers 410 or redirects to `expiredUrl` (starter plan or above). A time in the
   * past expires the link at once.
   */
  @IsOptional()
  @IsIsoDateTime()
  expiresAt?: string | null;

  /** Where an expired link sends visitors (starter plan or above). */
  @IsOptional()
  @Transform(trim)
  @IsDestinationUrl()
  expiredUrl?: string | null;

  /**
   * Visitors must enter this password first (starter plan or above). Stored as an argon2id hash, never
   * returned; null removes it.
   */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password?: string | null;

  /**
   * Destination for iOS devices (starter plan or above): a web page or universal link (https, redirected with a 302),
   * or an app URL of a custom scheme (`myapp://product/42`), opened by a small page that falls back to `url`.
   */
  @IsOptional()
  @Transform(trim)
  @IsDeviceDestination()
  ios?: string | null;

  /** Destination for Android devices (starter plan or above): as `ios`, an http(s) URL or an app URL (`myapp://…`). */
  @IsOptional()
  @Transform(trim)
  @IsDeviceDestination()
  android?: string | null;

  /** Destinations by visitor country: upper-case ISO 3166-1 alpha-2 code → URL, at most 250 (starter plan or above). */
  @IsOptional()
  @IsGeoTargets()
  geo?: Record<string, string> | null;

  /** Append `lt_id=<clickId>` to the destination so conversions can be attributed. */
  @IsOptionalNotNull()
  @IsBoolean()
  trackConversion?: boolean;

  /** Archived links keep redirecting; lists can filter them with `archived`. */
  @IsOptionalNotNull()
  @IsBoolean()
  archived?: boolean;

  // A/B test (creator plan or above).

  /**
   * A/B test: 2–4 destinations sharing the visitors by integer weights summing to 100. While the test runs they
   * replace `url` for visitors that device or country targeting does not send elsewhere; a visitor keeps its
   * variant. null ends the test (and clears `testEndsAt`, `winnerUrl`, `testPickWinner`).
   */
  @IsOptional()
  @IsArray()
  @ArrayMinSize(MIN_TEST_VARIANTS)
  @ArrayMaxSize(MAX_TEST_VARIANTS)
  @ValidateNested({ each: true })
  @Type(() => TestVariantDto)
  @IsTestVariantShares()
  testVariants?: TestVariantDto[] | null;

  /** When the test ends (in the future when set): then `winnerUrl`, or the picked best, takes every visitor. */
  @IsOptional()
  @IsIsoDateTime()
  testEndsAt?: string | null;

  /** The variant (one of `testVariants`' URLs) every visitor gets once `testEndsAt` has passed. */
  @IsOptional()
  @Transform(trim)
  @IsDestinationUrl()
  winnerUrl?: string | null;

  /**
   * After `testEndsAt`, without a `winnerUrl`: the variant with the best conversion rate becomes the winner
   * (the server sets `winnerUrl` to it, once). See docs/API.md (A/B tests).
   */
  @IsOptionalNotNull()
  @IsBoolean()
  testPickWinner?: boolean;
}
