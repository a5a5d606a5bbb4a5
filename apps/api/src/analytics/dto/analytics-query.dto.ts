import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IsIsoDateTime, IsTimeZone, RANGE_PRESETS, type RangePreset } from '@app/common';
import { DIMENSION_FILTERS, DIMENSION_GROUPS, type DimensionFilter, type DimensionGroup } from '../dimensions';

export const CHART_INTERVALS = ['hour', 'day', 'week', 'month'] as const;
export type ChartInterval = (typeof CHART_INTERVALS)[number];

export const LINK_GROUPS = ['link', 'folder', 'tag'] as const;
/** What a report row is: a link attribute, or a click dimension (the registry in ../dimensions). */
export const REPORT_GROUPS: readonly ReportGroup[] = [...LINK_GROUPS, ...DIMENSION_GROUPS];
export type LinkGroup = (typeof LINK_GROUPS)[number];
export type ReportGroup = LinkGroup | DimensionGroup;

export const REPORT_SORTS = ['clicks', 'uniqueVisitors', 'leads', 'sales'] as const;
export type ReportSort = (typeof REPORT_SORTS)[number];

/** Filters whose values are link attributes (the links as they are now); the click dimension filters are the registry's. */
export const LINK_FILTERS = ['linkId', 'folderId', 'tagId'] as const;
export type LinkFilter = (typeof LINK_FILTERS)[number];
export { DIMENSION_FILTERS, DIMENSION_GROUPS };
export type { DimensionFilter, DimensionGroup };

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** A comma list of values; a value starting with `-` is excluded instead of included. */
const FILTER_LIST = /^-?[^,]+(,-?[^,]+)*$/;
const FILTER_MESSAGE = 'must be a comma-separated list of values, each optionally prefixed with - to exclude it';

/**
 * The window and filters every analytics route takes. Filters are comma lists (`country=US,DE`); a `-`
 * prefix excludes (`country=-US`); different filters combine with AND.
 */
export class AnalyticsQueryDto {
  /** Up to now: `24h`, `7d`, `30d` (default), `90d`, `1y`, or `all` (everything the plan keeps). Not with start/end. */
  @IsOptional()
  @IsIn(RANGE_PRESETS)
  range?: RangePreset;

  /** ISO 8601, inclusive, rounded down to the hour; default 30 days before `end`. */
  @IsOptional()
  @IsIsoDateTime()
  start?: string;

  /** ISO 8601, exclusive, rounded up to the hour; default now. */
  @IsOptional()
  @IsIsoDateTime()
  end?: string;

  /**
   * Chart bucket size (default `day`); day, week (from Monday) and month buckets start at midnight in
   * `timezone`. Accepted by every analytics route (docs/API.md, Analytics); only the chart uses it.
   */
  @IsOptional()
  @IsIn(CHART_INTERVALS)
  interval?: ChartInterval;

  /** IANA time zone for the chart's day, week and month buckets (default `UTC`). */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @IsTimeZone()
  timezone?: string;

  /** Link ids (`link_…`). */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(FILTER_LIST, { message: `linkId ${FILTER_MESSAGE}` })
  linkId?: string;

  /** Short domains. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(FILTER_LIST, { message: `domain ${FILTER_MESSAGE}` })
  domain?: string;

  /** Folder ids (`fld_…`). */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(FILTER_LIST, { message: `folderId ${FILTER_MESSAGE}` })
  folderId?: string;

  /** Tag ids (`tag_…`): links with any of them. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(FILTER_LIST, { message: `tagId ${FILTER_MESSAGE}` })
  tagId?: string;

  /** ISO 3166-1 alpha-2 codes. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(FILTER_LIST, { message: `country ${FILTER_MESSAGE}` })
  country?: string;

  /** Regions as report rows name them: `<country>|<region>` (`US|California`). */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(FILTER_LIST, { message: `region ${FILTER_MESSAGE}` })
  region?: string;

  /** Cities as report rows name them: `<country>|<region>|<city>` (`US|California|San Francisco`, `DE||Berlin`). */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(FILTER_LIST, { message: `city ${FILTER_MESSAGE}` })
  city?: string;

  /** `desktop`, `mobile`, `tablet`, `bot`, `other`. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(FILTER_LIST, { message: `device ${FILTER_MESSAGE}` })
  device?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(FILTER_LIST, { message: `browser ${FILTER_MESSAGE}` })
  browser?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(FILTER_LIST, { message: `os ${FILTER_MESSAGE}` })
  os?: string;

  /** Referrer domains; `(direct)` for clicks without a referrer. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(FILTER_LIST, { message: `referrer ${FILTER_MESSAGE}` })
  referrer?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(FILTER_LIST, { message: `utm_source ${FILTER_MESSAGE}` })
  utm_source?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(FILTER_LIST, { message: `utm_medium ${FILTER_MESSAGE}` })
  utm_medium?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(FILTER_LIST, { message: `utm_campaign ${FILTER_MESSAGE}` })
  utm_campaign?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(FILTER_LIST, { message: `utm_term ${FILTER_MESSAGE}` })
  utm_term?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(FILTER_LIST, { message: `utm_content ${FILTER_MESSAGE}` })
  utm_content?: string;

  /** A/B test variants, by URL (`https://example.com/a`); a URL holding a comma cannot be named in a filter. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Matches(FILTER_LIST, { message: `variant ${FILTER_MESSAGE}` })
  variant?: string;

  /** Destinations used: `web`, `geo`, `ios`, `android`, `app` (comma-separated). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(FILTER_LIST, { message: `destination_type ${FILTER_MESSAGE}` })
  destination_type?: string;

  /** Count clicks by bots too (default false). Unique visitors never include bots. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  includeBots?: boolean;
}

export class ReportQueryDto extends AnalyticsQueryDto {
  /** What a row is (default `link`). */
  @IsOptional()
  @IsIn(REPORT_GROUPS)
  groupBy?: ReportGroup;

  /** Column the rows are ordered by (default `clicks`); ties by value. */
  @IsOptional()
  @IsIn(REPORT_SORTS)
  sort?: ReportSort;

  /** `desc` (default) or `asc`. */
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order?: 'asc' | 'desc';

  /** Rows, 1–1000 (default 100). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class PanelQueryDto extends AnalyticsQueryDto {
  /** Rows per list, 1–100 (default 10). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
