import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '@app/auth';
import { AppException, DEFAULT_RANGE_MS, RANGE_PRESET_MS } from '@app/common';
import { PLANS } from '@app/plans';
import { toBucketDto, toMetricsDto, toRowDto } from './analytics.mapper';
import { ANALYTICS_STORE, type AnalyticsScope, type AnalyticsStore } from './analytics-store';
import { AnalyticsRepository } from './analytics.repository';
import { RealtimeRepository } from './realtime.repository';
import { parseFilter } from './dimensions';
import {
  AnalyticsQueryDto,
  DIMENSION_FILTERS,
  LINK_FILTERS,
  PanelQueryDto,
  ReportGroup,
  ReportQueryDto,
} from './dto/analytics-query.dto';
import type {
  AcquisitionPanelDto,
  AnalyticsChartDto,
  AnalyticsOverviewDto,
  AnalyticsReportDto,
  AnalyticsRowDto,
  AnalyticsWindowDto,
  GeoPanelDto,
  TechnologyPanelDto,
  TrafficPanelDto,
} from './dto/analytics-response.dto';
import type { AnalyticsRealtimeDto } from './dto/realtime.dto';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
/** The realtime view's window: the minutes up to and including the current one. */
export const REALTIME_MINUTES = 30;
const DAY_MS = 86_400_000;
/** Hour buckets at most (100 days): an hourly chart of more is not a chart any more. */
const MAX_BUCKETS = 2_400;

/** Which table owns each id filter, and its name in messages. */
const ID_FILTERS = {
  linkId: { table: 'links', label: 'Link' },
  folderId: { table: 'link_folders', label: 'Folder' },
  tagId: { table: 'link_tags', label: 'Tag' },
} as const;

interface Window {
  start: Date;
  end: Date;
  warnings: string[];
  /** Earliest instant the plan keeps. */
  retentionStart: Date;
}

/** Analytics of a workspace: overview, chart, report and panels, with the plan's retention applied. */
@Injectable()
export class AnalyticsService {
  constructor(
    @Inject(ANALYTICS_STORE) private readonly store: AnalyticsStore,
    private readonly repository: AnalyticsRepository,
    private readonly realtimeClicks: RealtimeRepository,
  ) {}

  /**
   * The last REALTIME_MINUTES minutes of a workspace's human clicks: counts per minute from the store, and the
   * latest clicks from PostgreSQL. Every plan has it, and no filter applies.
   */
  async realtime(workspaceId: string, now: Date): Promise<AnalyticsRealtimeDto> {
    const end = new Date(Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS + MINUTE_MS);
    const start = new Date(end.getTime() - REALTIME_MINUTES * MINUTE_MS);
    const scope: AnalyticsScope = {
      workspaceId,
      start,
      end,
      linkFilters: {},
      dimensionFilters: {},
      includeBots: false,
    };
    const [byMinute, latest] = await Promise.all([
      this.store.minutes(scope),
      this.realtimeClicks.latest(workspaceId, start, end),
    ]);
    const minutes = Array.from({ length: REALTIME_MINUTES }, (_, index) => {
      const minute = start.getTime() + index * MINUTE_MS;
      return { start: new Date(minute).toISOString(), clicks: byMinute.get(minute) ?? 0 };
    });
    return {
      start: start.toISOString(),
      end: end.toISOString(),
      clicks: minutes.reduce((total, minute) => total + minute.clicks, 0),
      minutes,
      latest,
    };
  }

  async overview(auth: AuthContext, query: AnalyticsQueryDto): Promise<AnalyticsOverviewDto> {
    const { scope, window } = await this.resolve(auth, query);
    const span = window.end.getTime() - window.start.getTime();
    const previousEnd = window.start;
    const previousStart = new Date(
      Math.min(previousEnd.getTime(), Math.max(previousEnd.getTime() - span, window.retentionStart.getTime())),
    );
    const [current, previous] = await Promise.all([
      this.store.totals(scope),
      this.store.totals({ ...scope, start: previousStart, end: previousEnd }),
    ]);
    return {
      ...windowDto(window),
      ...toMetricsDto(current),
      previous: { start: previousStart.toISOString(), end: previousEnd.toISOString(), ...toMetricsDto(previous) },
    };
  }

  async chart(auth: AuthContext, query: AnalyticsQueryDto): Promise<AnalyticsChartDto> {
    const { scope, window } = await this.resolve(auth, query);
    const interval = query.interval ?? 'day';
    const timezone = query.timezone ?? 'UTC';
    if (interval === 'hour' && (window.end.getTime() - window.start.getTime()) / HOUR_MS > MAX_BUCKETS) {
      throw AppException.invalidField(
        'interval',
        `hour buckets cover at most ${MAX_BUCKETS} hours: use a longer interval or a shorter range`,
      );
    }
    const buckets = await this.store.series(scope, interval, timezone);
    return { ...windowDto(window), interval, timezone, data: buckets.map(toBucketDto) };
  }

  async report(auth: AuthContext, query: ReportQueryDto): Promise<AnalyticsReportDto> {
    const { scope, window } = await this.resolve(auth, query);
    const groupBy = query.groupBy ?? 'link';
    const [rows] = await this.store.breakdowns(scope, [groupBy], {
      sort: query.sort ?? 'clicks',
      order: query.order ?? 'desc',
      limit: query.limit ?? 100,
    });
    return { ...windowDto(window), groupBy, data: rows.map(toRowDto) };
  }

  async trafficPanel(auth: AuthContext, query: PanelQueryDto): Promise<TrafficPanelDto> {
    const [window, referrers, links, variants] = await this.panel(auth, query, ['referrer', 'link', 'variant']);
    return { ...window, referrers, links, variants };
  }

  async acquisitionPanel(auth: AuthContext, query: PanelQueryDto): Promise<AcquisitionPanelDto> {
    const [window, source, medium, campaign, term, content] = await this.panel(auth, query, [
      'utm_source',
      'utm_medium',
      'utm_campaign',
      'utm_term',
      'utm_content',
    ]);
    return {
      ...window,
      utm_source: source,
      utm_medium: medium,
      utm_campaign: campaign,
      utm_term: term,
      utm_content: content,
    };
  }

  async geoPanel(auth: AuthContext, query: PanelQueryDto): Promise<GeoPanelDto> {
    const [window, countries, regions, cities] = await this.panel(auth, query, ['country', 'region', 'city']);
    return { ...window, countries, regions, cities };
  }

  async technologyPanel(auth: AuthContext, query: PanelQueryDto): Promise<TechnologyPanelDto> {
    const [window, devices, browsers, os] = await this.panel(auth, query, ['device', 'browser', 'os']);
    return { ...window, devices, browsers, os };
  }

  /** The window, then one list per group (most clicks first). */
  private async panel(
    auth: AuthContext,
    query: PanelQueryDto,
    groups: ReportGroup[],
  ): Promise<[AnalyticsWindowDto, ...AnalyticsRowDto[][]]> {
    const { scope, window } = await this.resolve(auth, query);
    const options = { sort: 'clicks' as const, order: 'desc' as const, limit: query.limit ?? 10 };
    const lists = await this.store.breakdowns(scope, groups, options);
    return [windowDto(window), ...lists.map((rows) => rows.map(toRowDto))];
  }

  private async resolve(
    auth: AuthContext,
    query: AnalyticsQueryDto,
  ): Promise<{ scope: AnalyticsScope; window: Window }> {
    const window = await this.window(auth, query);
    const scope: AnalyticsScope = {
      workspaceId: auth.workspaceId,
      start: window.start,
      end: window.end,
      linkFilters: {},
      dimensionFilters: {},
      includeBots: query.includeBots ?? false,
    };
    for (const filter of LINK_FILTERS) {
      const values = parseFilter(query[filter]);
      if (values) scope.linkFilters[filter] = values;
    }
    for (const filter of DIMENSION_FILTERS) {
      const values = parseFilter(query[filter]);
      if (values) scope.dimensionFilters[filter] = values;
    }
    await this.assertOwned(auth, scope);
    return { scope, window };
  }

  /** Every id a filter names must be the caller's: another workspace's is 403, an unknown one 400. */
  private async assertOwned(auth: AuthContext, scope: AnalyticsScope): Promise<void> {
    for (const [filter, { table, label }] of Object.entries(ID_FILTERS) as [
      keyof typeof ID_FILTERS,
      (typeof ID_FILTERS)[keyof typeof ID_FILTERS],
    ][]) {
      const values = scope.linkFilters[filter];
      if (!values) continue;
      const ids = [...new Set([...values.include, ...values.exclude])];
      const owners = await this.repository.findOwners(table, ids);
      if (owners.some((owner) => owner.workspaceId !== auth.workspaceId)) throw AppException.forbidden();
      const missing = ids.filter((id) => !owners.some((owner) => owner.id === id));
      if (missing.length > 0) throw AppException.invalidField(filter, `${label} ${missing.join(', ')} not found`);
    }
  }

  /**
   * The window asked for (preset, or start/end, default the last 30 days), widened to whole hours (the
   * grain of every analytics answer) and clamped to the plan's retention with a warning.
   */
  private async window(auth: AuthContext, query: AnalyticsQueryDto, now = new Date()): Promise<Window> {
    if (query.range && (query.start || query.end))
      throw AppException.invalidField('range', 'range cannot be combined with start or end');
    const retentionDays = PLANS[auth.plan].analyticsRetentionDays;
    const retentionStart = floorHour(new Date(now.getTime() - retentionDays * DAY_MS));
    let start: Date;
    let end: Date;
    if (query.range === 'all') {
      start = floorHour(await this.repository.workspaceCreatedAt(auth.workspaceId));
      end = ceilHour(now);
    } else if (query.range) {
      start = floorHour(new Date(now.getTime() - RANGE_PRESET_MS[query.range]));
      end = ceilHour(now);
    } else {
      const requestedEnd = query.end ? new Date(query.end) : now;
      const requestedStart = query.start ? new Date(query.start) : new Date(requestedEnd.getTime() - DEFAULT_RANGE_MS);
      if (requestedStart.getTime() >= requestedEnd.getTime())
        throw AppException.invalidField('start', 'start must be before end');
      start = floorHour(requestedStart);
      end = ceilHour(requestedEnd);
    }
    const warnings: string[] = [];
    if (start < retentionStart) {
      warnings.push(
        `The ${auth.plan} plan keeps analytics for ${retentionDays} days: the range starts at ${retentionStart.toISOString()} instead of ${start.toISOString()}`,
      );
      start = retentionStart;
      if (end < start) end = start;
    }
    return { start, end, warnings, retentionStart };
  }
}

function windowDto(window: Window): AnalyticsWindowDto {
  return { start: window.start.toISOString(), end: window.end.toISOString(), warnings: window.warnings };
}

function floorHour(time: Date): Date {
  return new Date(Math.floor(time.getTime() / HOUR_MS) * HOUR_MS);
}

function ceilHour(time: Date): Date {
  return new Date(Math.ceil(time.getTime() / HOUR_MS) * HOUR_MS);
}
