import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import type { AuthContext } from '@app/auth';
import { decodeCursor, Page, streamExport, toPage } from '@app/common';
import { ANALYTICS_STORE, type AnalyticsScope, type AnalyticsStore } from '../analytics/analytics-store';
import { resolveOptionalRange, resolveRange, TimeRange, utcDaysOf } from './conversion-range';
import { CONVERSION_CSV_COLUMNS } from './conversion-export-format';
import { toConversionEventDto } from './conversions.mapper';
import { ConversionCount, ConversionEventFilters, ConversionsRepository, ExportRow } from './conversions.repository';
import type { ConversionEventFiltersDto } from './dto/conversion-event-filters.dto';
import type { ConversionEventDto } from './dto/conversion-event.dto';
import type { ConversionSummaryQueryDto } from './dto/conversion-summary-query.dto';
import type {
  ConversionRatesDto,
  ConversionSummaryDto,
  ConversionTotalsDto,
  RevenueDto,
} from './dto/conversion-summary.dto';
import type { ExportConversionEventsQueryDto } from './dto/export-conversion-events-query.dto';
import type { ListConversionEventsQueryDto } from './dto/list-conversion-events-query.dto';

/** Rows per export query: memory stays bounded whatever the export's size. */
const EXPORT_BATCH_SIZE = 1_000;

/** Reads of conversions: the summary (totals, rates, top links, daily series), the event list and the export. */
@Injectable()
export class ConversionReportsService {
  constructor(
    private readonly repository: ConversionsRepository,
    @Inject(ANALYTICS_STORE) private readonly analytics: AnalyticsStore,
  ) {}

  async summary(auth: AuthContext, query: ConversionSummaryQueryDto): Promise<ConversionSummaryDto> {
    const workspaceId = auth.workspaceId;
    const range = resolveRange(query, await this.repository.findWorkspaceCreatedAt(workspaceId));
    const { start, end } = range;
    const linkId = query.linkId;
    const [counts, clicks, dailyCounts, dailyClicks, topLinks] = await Promise.all([
      this.repository.countConversions(workspaceId, start, end, linkId),
      this.analytics.totals(clickScope(workspaceId, range, linkId ? [linkId] : null)).then((row) => row.clicks),
      this.repository.countConversionsByDay(workspaceId, start, end, linkId),
      this.analytics
        .series(clickScope(workspaceId, range, linkId ? [linkId] : null), 'day', 'UTC')
        .then((rows) => new Map(rows.map((row) => [row.key.slice(0, 10), row.clicks]))),
      this.repository.topLinks(workspaceId, start, end, linkId, query.top ?? 10),
    ]);
    const linkIds = topLinks.map((link) => link.linkId);
    const [linkCounts, linkClicks] =
      linkIds.length === 0
        ? [[], new Map<string, number>()]
        : await Promise.all([
            this.repository.countConversionsByLink(workspaceId, start, end, linkIds),
            this.analytics
              .breakdowns(clickScope(workspaceId, range, linkIds), ['link'], {
                sort: 'clicks',
                order: 'desc',
                limit: linkIds.length,
              })
              .then(([rows]) => new Map(rows.map((row) => [row.key, row.clicks]))),
          ]);
    return {
      start: start.toISOString(),
      end: end.toISOString(),
      ...withRates(totals(clicks, counts)),
      links: topLinks.map((link) => ({
        ...link,
        ...withRates(
          totals(
            linkClicks.get(link.linkId) ?? 0,
            linkCounts.filter((count) => count.linkId === link.linkId),
          ),
        ),
      })),
      series: dailySeries(range, dailyClicks, dailyCounts),
    };
  }

  async list(auth: AuthContext, query: ListConversionEventsQueryDto): Promise<Page<ConversionEventDto>> {
    const limit = query.limit ?? 50;
    const rows = await this.repository.list(auth.workspaceId, toFilters(query), decodeCursor(query.cursor), limit + 1);
    return toPage(
      rows,
      limit,
      (row) => row.position,
      (row) => toConversionEventDto(row.entity),
    );
  }

  /** Every matching event, oldest first, streamed in keyset batches. */
  export(auth: AuthContext, query: ExportConversionEventsQueryDto): StreamableFile {
    const filters = toFilters(query);
    return streamExport<ExportRow>({
      format: query.format ?? 'csv',
      filename: `conversions-${new Date().toISOString().slice(0, 10)}`,
      columns: CONVERSION_CSV_COLUMNS,
      toJson: toConversionEventDto,
      fetchBatch: (after) =>
        this.repository.exportBatch(
          auth.workspaceId,
          filters,
          after && { value: after.exactTime, id: after.id },
          EXPORT_BATCH_SIZE,
        ),
      batchSize: EXPORT_BATCH_SIZE,
    });
  }
}

const HOUR_MS = 3_600_000;

/**
 * Clicks by people of the range, read from the analytics store in whole hours: the hour `start` falls in
 * counts whole, and so does the hour `end` falls in.
 */
function clickScope(workspaceId: string, range: TimeRange, linkIds: string[] | null): AnalyticsScope {
  return {
    workspaceId,
    start: new Date(Math.floor(range.start.getTime() / HOUR_MS) * HOUR_MS),
    end: new Date(Math.ceil(range.end.getTime() / HOUR_MS) * HOUR_MS),
    linkFilters: linkIds ? { linkId: { include: linkIds, exclude: [] } } : {},
    dimensionFilters: {},
    includeBots: false,
  };
}

function toFilters(query: ConversionEventFiltersDto): ConversionEventFilters {
  const { start, end } = resolveOptionalRange(query.start, query.end);
  return { type: query.type, linkId: query.linkId, customerExternalId: query.customerExternalId, start, end };
}

function totals(clicks: number, counts: ConversionCount[]): ConversionTotalsDto {
  const revenue = new Map<string, number>();
  let leads = 0;
  let sales = 0;
  for (const count of counts) {
    if (count.type === 'lead') leads += count.events;
    else {
      sales += count.events;
      if (count.currency) revenue.set(count.currency, (revenue.get(count.currency) ?? 0) + count.amount);
    }
  }
  return { clicks, leads, sales, revenue: sortedRevenue(revenue) };
}

function withRates(totals: ConversionTotalsDto): ConversionRatesDto {
  return {
    ...totals,
    clickToLeadRate: totals.clicks > 0 ? totals.leads / totals.clicks : null,
    leadToSaleRate: totals.leads > 0 ? totals.sales / totals.leads : null,
  };
}

function sortedRevenue(revenue: Map<string, number>): RevenueDto[] {
  return [...revenue]
    .map(([currency, amount]) => ({ currency, amount }))
    .sort((a, b) => b.amount - a.amount || a.currency.localeCompare(b.currency));
}

function dailySeries(
  range: TimeRange,
  clicksByDay: Map<string, number>,
  counts: (ConversionCount & { day: string })[],
) {
  const countsByDay = new Map<string, ConversionCount[]>();
  for (const count of counts) countsByDay.set(count.day, [...(countsByDay.get(count.day) ?? []), count]);
  return utcDaysOf(range).map((day) => ({ day, ...totals(clicksByDay.get(day) ?? 0, countsByDay.get(day) ?? []) }));
}
