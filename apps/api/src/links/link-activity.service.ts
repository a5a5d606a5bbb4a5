import { Inject, Injectable, StreamableFile } from '@nestjs/common';
import type { AuthContext } from '@app/auth';
import { AppException, streamExport } from '@app/common';
import type { ExportLinkEventsQueryDto } from './dto/export-link-events-query.dto';
import type { LinkDetailDto } from './dto/link-detail.dto';
import { ANALYTICS_STORE, type AnalyticsScope, type AnalyticsStore } from '../analytics/analytics-store';
import type { DimensionGroup } from '../analytics/dimensions';
import { ClickRow, ClickTotals, DayCount, LinkActivityRepository, ValueCount } from './link-activity.repository';
import { LinksService } from './links.service';

const EXPORT_BATCH_SIZE = 5_000;
const DAY_MS = 86_400_000;
const EXPORT_COLUMNS: (keyof ClickRow)[] = [
  'id',
  'time',
  'domain',
  'url',
  'country',
  'region',
  'city',
  'device',
  'browser',
  'os',
  'referrer',
  'referrerDomain',
  'utmSource',
  'utmMedium',
  'utmCampaign',
  'utmTerm',
  'utmContent',
  'isBot',
  'variant',
  'destinationType',
];

/**
 * What happened to one link: the detail page's figures (totals, series and top lists from the analytics store;
 * the last clicks from the raw events) and the raw click export.
 */
@Injectable()
export class LinkActivityService {
  constructor(
    private readonly links: LinksService,
    private readonly repository: LinkActivityRepository,
    @Inject(ANALYTICS_STORE) private readonly analytics: AnalyticsStore,
  ) {}

  async detail(auth: AuthContext, id: string): Promise<LinkDetailDto> {
    const link = await this.links.get(auth, id);
    const scope = (days: number | null): AnalyticsScope => {
      // The last `days` UTC days, today included; null: everything.
      const tomorrow = (Math.floor(Date.now() / DAY_MS) + 1) * DAY_MS;
      return {
        workspaceId: auth.workspaceId,
        start: new Date(days === null ? 0 : tomorrow - days * DAY_MS),
        end: new Date(days === null ? Date.UTC(9999, 0) : tomorrow),
        linkFilters: { linkId: { include: [link.id], exclude: [] } },
        dimensionFilters: {},
        includeBots: false,
      };
    };
    const [totals, last30Days, [topCountries, topReferrers, topDevices], recentClicks] = await Promise.all([
      this.totals(scope(null)),
      this.analytics
        .series(scope(30), 'day', 'UTC')
        .then((rows): DayCount[] =>
          rows.map((row) => ({ day: row.key.slice(0, 10), clicks: row.clicks, uniqueVisitors: row.uniqueVisitors })),
        ),
      this.topValues(scope(30), ['country', 'referrer', 'device'], 10),
      this.repository.recentClicks(link.id, 20),
    ]);
    return {
      link,
      totals,
      last7Days: last30Days.slice(-7),
      last30Days,
      topCountries,
      topReferrers,
      topDevices,
      recentClicks: recentClicks.map(({ id: clickId, time, country, city, device, browser, os, referrer, isBot }) => ({
        id: clickId,
        time,
        country,
        city,
        device,
        browser,
        os,
        referrer,
        isBot,
      })),
    };
  }

  private async totals(scope: AnalyticsScope): Promise<ClickTotals> {
    const [people, all] = await Promise.all([
      this.analytics.totals(scope),
      this.analytics.totals({ ...scope, includeBots: true }),
    ]);
    return { clicks: people.clicks, uniqueVisitors: people.uniqueVisitors, botClicks: all.clicks - people.clicks };
  }

  /** The most clicked values of each dimension (clicks by people only). */
  private async topValues(scope: AnalyticsScope, groups: DimensionGroup[], limit: number): Promise<ValueCount[][]> {
    const lists = await this.analytics.breakdowns(scope, groups, { sort: 'clicks', order: 'desc', limit });
    return lists.map((rows) =>
      rows.filter((row) => row.clicks > 0).map((row) => ({ value: row.key, clicks: row.clicks })),
    );
  }

  async export(auth: AuthContext, id: string, query: ExportLinkEventsQueryDto): Promise<StreamableFile> {
    const link = await this.links.get(auth, id);
    const range = { start: query.start ? new Date(query.start) : null, end: query.end ? new Date(query.end) : null };
    if (range.start && range.end && range.end <= range.start)
      throw AppException.invalidField('end', 'end must be after start');
    return streamExport<ClickRow>({
      format: query.format ?? 'csv',
      filename: `${link.id}-clicks`,
      columns: EXPORT_COLUMNS.map((name) => ({ name, value: (row) => row[name] })),
      toJson: (row) => Object.fromEntries(EXPORT_COLUMNS.map((name) => [name, row[name]])),
      fetchBatch: (after) =>
        this.repository.exportBatch(link.id, range, after && { time: after.time, id: after.id }, EXPORT_BATCH_SIZE),
      batchSize: EXPORT_BATCH_SIZE,
    });
  }
}
