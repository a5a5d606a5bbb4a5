import type { AnalyticsMetricsDto, AnalyticsRowDto, ChartBucketDto } from './dto/analytics-response.dto';
import type { MetricsRow } from './analytics-store';

export function toMetricsDto(row: MetricsRow): AnalyticsMetricsDto {
  return {
    clicks: row.clicks,
    uniqueVisitors: row.uniqueVisitors,
    leads: row.leads,
    sales: row.sales,
    revenue: row.revenue,
  };
}

export function toRowDto(row: MetricsRow): AnalyticsRowDto {
  return { value: row.key, label: row.label, ...toMetricsDto(row) };
}

export function toBucketDto(row: MetricsRow): ChartBucketDto {
  return { start: row.key, ...toMetricsDto(row) };
}
