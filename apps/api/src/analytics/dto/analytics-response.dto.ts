export class AnalyticsRevenueDto {
  /** ISO 4217. */
  currency: string;
  /** Sum of the sales in minor units. */
  amount: number;
}

/** The figures of every analytics row. */
export class AnalyticsMetricsDto {
  /** Clicks (bots only with includeBots=true). */
  clicks: number;
  /** Visitors counted once per link and UTC day (bots never), summed over links and days. */
  uniqueVisitors: number;
  leads: number;
  sales: number;
  /** One entry per currency, largest first. */
  revenue: AnalyticsRevenueDto[];
}

export class AnalyticsWindowDto {
  /** Start of the window answered (inclusive, whole hour, clamped to the plan's retention). */
  start: string;
  /** End of the window answered (exclusive, whole hour). */
  end: string;
  /** Why the window differs from the one asked for (e.g. clamped to the plan's retention). */
  warnings: string[];
}

export class AnalyticsPeriodDto extends AnalyticsMetricsDto {
  start: string;
  end: string;
}

export class AnalyticsOverviewDto extends AnalyticsMetricsDto {
  start: string;
  end: string;
  warnings: string[];
  /** The period of the same length just before (clamped to the retention too). */
  previous: AnalyticsPeriodDto;
}

export class ChartBucketDto extends AnalyticsMetricsDto {
  /** Start of the bucket (UTC instant of the local midnight for day, week and month). */
  start: string;
}

export class AnalyticsChartDto extends AnalyticsWindowDto {
  interval: string;
  timezone: string;
  /** Every bucket the window touches, oldest first, empty ones with zeros. */
  data: ChartBucketDto[];
}

export class AnalyticsRowDto extends AnalyticsMetricsDto {
  /** The group's value: link, folder or tag id, domain, or the dimension value (`US`, `US|California`, `(direct)`…). */
  value: string;
  /** For links `domain/slug`, for folders and tags their name; otherwise null. */
  label: string | null;
}

export class AnalyticsReportDto extends AnalyticsWindowDto {
  groupBy: string;
  data: AnalyticsRowDto[];
}

export class TrafficPanelDto extends AnalyticsWindowDto {
  referrers: AnalyticsRowDto[];
  links: AnalyticsRowDto[];
  /** A/B test variants, by URL (clicks outside a running test are left out). */
  variants: AnalyticsRowDto[];
}

export class AcquisitionPanelDto extends AnalyticsWindowDto {
  utm_source: AnalyticsRowDto[];
  utm_medium: AnalyticsRowDto[];
  utm_campaign: AnalyticsRowDto[];
  utm_term: AnalyticsRowDto[];
  utm_content: AnalyticsRowDto[];
}

export class GeoPanelDto extends AnalyticsWindowDto {
  countries: AnalyticsRowDto[];
  /** Values `<country>|<region>`. */
  regions: AnalyticsRowDto[];
  /** Values `<country>|<region>|<city>`. */
  cities: AnalyticsRowDto[];
}

export class TechnologyPanelDto extends AnalyticsWindowDto {
  devices: AnalyticsRowDto[];
  browsers: AnalyticsRowDto[];
  os: AnalyticsRowDto[];
}
