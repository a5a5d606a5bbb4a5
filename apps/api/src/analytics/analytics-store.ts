import type { FilterValues } from './dimensions';
import type { ChartInterval, DimensionFilter, LinkFilter, ReportGroup, ReportSort } from './dto/analytics-query.dto';

export type { FilterValues };

/** What an analytics query counts: a workspace, a whole-hour window, filters. */
export interface AnalyticsScope {
  workspaceId: string;
  start: Date;
  end: Date;
  linkFilters: Partial<Record<LinkFilter, FilterValues>>;
  dimensionFilters: Partial<Record<DimensionFilter, FilterValues>>;
  includeBots: boolean;
}

export interface RevenueAmount {
  currency: string;
  amount: number;
}

export interface MetricsRow {
  key: string;
  label: string | null;
  clicks: number;
  uniqueVisitors: number;
  leads: number;
  sales: number;
  revenue: RevenueAmount[];
}

export interface BreakdownOptions {
  sort: ReportSort;
  order: 'asc' | 'desc';
  limit: number;
}

/**
 * The port every analytics answer goes through (analytics routes, the realtime view's counts, link detail's series
 * and top lists, the conversions summary's clicks). Its one implementation keeps the raw clicks in DuckDB (DuckDbAnalyticsStore);
 * callers never know the engine.
 *
 * Meaning, whatever the engine: clicks exclude bots unless `includeBots`; a unique visitor is a (link, UTC day,
 * daily-salted visitor hash) of a person, counted on its first click that day (so sums over links and days add
 * up); link filters and folder/tag groups use the links as they are now; a deleted link's clicks stay in
 * workspace-wide figures and leave link-level ones. Leads, sales and revenue come from the conversion events.
 */
export interface AnalyticsStore {
  totals(scope: AnalyticsScope): Promise<MetricsRow>;
  /** One row per bucket of the window (key: ISO start of the bucket), empty buckets included. */
  series(scope: AnalyticsScope, interval: ChartInterval, timezone: string): Promise<MetricsRow[]>;
  /** One list per group, each ordered and limited; groups with neither clicks nor conversions are left out. */
  breakdowns(scope: AnalyticsScope, groups: ReportGroup[], options: BreakdownOptions): Promise<MetricsRow[][]>;
  /** Clicks per minute of a window of whole minutes (key: epoch ms of the minute), minutes without clicks left out. */
  minutes(scope: AnalyticsScope): Promise<Map<number, number>>;
}

/** Injection token of the AnalyticsStore. */
export const ANALYTICS_STORE = Symbol('AnalyticsStore');

export function emptyMetrics(key: string, label: string | null = null): MetricsRow {
  return { key, label, clicks: 0, uniqueVisitors: 0, leads: 0, sales: 0, revenue: [] };
}
