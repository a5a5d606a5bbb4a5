import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CLICK_DIMENSION_EXPRESSIONS, MAX_DIMENSION_VALUE_LENGTH } from '../clicks/clicks.repository';
import type {
  ChartInterval,
  DimensionFilter,
  DimensionGroup,
  LinkFilter,
  ReportGroup,
  ReportSort,
} from './dto/analytics-query.dto';
import type { PairRollupKind } from '@app/database';
import { PairRollupsRepository } from './pair-rollups.repository';
import { BlockRollupsRepository } from './block-rollups.repository';
import { BLOCK_SIZES, Coverage, cover, dayNumber, dayToIso, NO_BLOCKS } from './compaction-periods';

/** Values of one filter: a row passes when it matches one `include` value (if any) and no `exclude` value. */
export interface FilterValues {
  include: string[];
  exclude: string[];
}

/** What an analytics query counts: a workspace, a whole-hour window, filters. */
export interface AnalyticsScope {
  workspaceId: string;
  start: Date;
  end: Date;
  linkFilters: Partial<Record<LinkFilter, FilterValues>>;
  dimensionFilters: Partial<Record<DimensionFilter, FilterValues>>;
  includeBots: boolean;
  /** `raw` answers from the raw events whatever the filters (the benchmark's reference); default: the cheapest source. */
  source?: 'auto' | 'raw';
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
 * A filter answered from the pair rollups on the days they hold (`coverage.days`, UTC `YYYY-MM-DD`): a dimension
 * (`country`…) or a folder or tag (`folder` / `tag`), with its values.
 */
interface PairSource {
  kind: PairRollupKind;
  filter: string;
  values: FilterValues;
  /** What the window's whole days may be read from: the current blocks of pairs of that kind, and the days built. */
  coverage: Coverage & { days: Set<string> };
}

/** What the compaction job has built for a question: pair rollups for its filter, and the current blocks of days. */
interface Sources {
  pairs: PairSource | null;
  blocks: Coverage;
  /** A breakdown by folder or tag (unfiltered, or under one dimension filter): the days, edge days included, whose folder and tag pairs are current. */
  linkGroupDays?: Set<string>;
}

type Key =
  | { kind: 'total' }
  | { kind: 'bucket'; interval: ChartInterval; timezone: string }
  | { kind: 'dimension'; dimension: DimensionGroup }
  | { kind: 'link' };

const DAY_MS = 86_400_000;
const SORT_COLUMNS: Record<ReportSort, string> = {
  clicks: 'clicks',
  uniqueVisitors: 'unique_visitors',
  leads: 'leads',
  sales: 'sales',
};
const DIMENSION_FILTER_GROUPS: Record<DimensionFilter, DimensionGroup> = {
  domain: 'domain',
  country: 'country',
  device: 'device',
  browser: 'browser',
  os: 'os',
  referrer: 'referrer',
  utm_source: 'utm_source',
  utm_medium: 'utm_medium',
  utm_campaign: 'utm_campaign',
  utm_term: 'utm_term',
  utm_content: 'utm_content',
};
/** The hour a raw event falls in, as the hourly rollups key it. */
const EVENT_HOUR = `(date_trunc('hour', time AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')`;

/** Positional parameters of one statement. */
class Parameters {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** A lookup asked by several lists of one answer, run once: `once(name, lookup)`. */
type Once = (name: string, lookup: () => Promise<Set<string>>) => Promise<Set<string>>;

function memo(): Once {
  const results = new Map<string, Promise<Set<string>>>();
  return (name, lookup) => {
    if (!results.has(name)) results.set(name, lookup());
    return results.get(name)!;
  };
}

/**
 * Analytics reads. Each question is answered from the smallest source that is exact for it:
 * - no filter: the workspace rollups (per hour; per dimension value by UTC day plus the edge hours);
 * - one dimension filter (country=US, domain=-x) on totals, series or a breakdown by that dimension: the
 *   workspace dimension rollups;
 * - one dimension filter on a breakdown by another dimension or by link (browsers of the US clicks), or one
 *   folder or tag filter alone: the pair rollups (PairRollupsRepository) for the whole UTC days the
 *   compaction job has built and that are still current, and for the rest of the window (edge hours, today,
 *   a day not built yet, changed by a late click or by a link changing folder or tags) the raw events (a
 *   dimension) or the per-link rollups (a folder or tag);
 * - a breakdown by folder or tag, unfiltered or under one dimension filter: the folder and tag pair rollups on
 *   the days built (linkGroupClicks), the rest from the per-link rollups or raw events of each link, mapped;
 * - other link filters (links, several tags): the per-link rollups of that set of links (by day, with hours or
 *   raw events of those links for the partial days at the edges);
 * - anything else (two dimension filters, a dimension and a link filter): the raw events of the window,
 *   through click_events (workspace_id, time).
 * Whole days, in every source that has them by day, are read as the fewest current blocks of days and days whose
 * signed sum is those days (cover, compaction-periods). Leads, sales and revenue come from conversion_events (they
 * carry the click's link and dimensions).
 */
@Injectable()
export class AnalyticsRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pairRollups: PairRollupsRepository,
    private readonly blockRollups: BlockRollupsRepository,
  ) {}

  async workspaceCreatedAt(workspaceId: string): Promise<Date> {
    const [row]: { createdAt: Date }[] = await this.dataSource.query(
      `SELECT created_at AS "createdAt" FROM workspaces WHERE id = $1`,
      [workspaceId],
    );
    return new Date(row.createdAt);
  }

  /** Owners of the given links, folders or tags (ids not found are absent). */
  findOwners(
    table: 'links' | 'link_folders' | 'link_tags',
    ids: string[],
  ): Promise<{ id: string; workspaceId: string }[]> {
    return this.dataSource.query(
      `SELECT id, workspace_id AS "workspaceId" FROM ${table} WHERE id = ANY($1::varchar[])`,
      [ids],
    );
  }

  async totals(scope: AnalyticsScope): Promise<MetricsRow> {
    const parameters = new Parameters();
    const key: Key = { kind: 'total' };
    const results = this.results(scope, key, parameters, await this.sources(scope, key, memo()));
    const rows = await this.dataSource.query(`WITH ${results} SELECT * FROM results`, parameters.values);
    return rows.length > 0
      ? toMetrics(rows[0])
      : { key: '', label: null, clicks: 0, uniqueVisitors: 0, leads: 0, sales: 0, revenue: [] };
  }

  /** One row per bucket of the window (key: ISO start of the bucket), empty buckets included. */
  async series(scope: AnalyticsScope, interval: ChartInterval, timezone: string): Promise<MetricsRow[]> {
    const parameters = new Parameters();
    const key: Key = { kind: 'bucket', interval, timezone };
    const results = this.results(scope, key, parameters, await this.sources(scope, key, memo()));
    const start = parameters.add(scope.start);
    const end = parameters.add(scope.end);
    const zone = () => parameters.add(timezone);
    const buckets =
      interval === 'hour'
        ? `SELECT generate_series(${start}::timestamptz, ${end}::timestamptz - interval '1 hour', interval '1 hour') AS bucket`
        : `SELECT local_start AT TIME ZONE ${zone()}::text AS bucket
             FROM generate_series(date_trunc('${interval}', ${start}::timestamptz AT TIME ZONE ${zone()}::text),
                                  date_trunc('${interval}', (${end}::timestamptz - interval '1 hour') AT TIME ZONE ${zone()}::text),
                                  interval '1 ${interval}') AS local_start`;
    const rows = await this.dataSource.query(
      `WITH ${results}, buckets AS (${buckets})
       SELECT to_char(buckets.bucket AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS key, results.clicks, results.unique_visitors,
              results.leads, results.sales, results.revenue
         FROM buckets LEFT JOIN results ON results.key = buckets.bucket
        ORDER BY buckets.bucket`,
      parameters.values,
    );
    return rows.map(toMetrics);
  }

  /**
   * One list per group (a report has one, a panel several), each ordered and limited; groups with neither clicks
   * nor conversions are left out. The lists share their lookups of what the compaction job has built, and run
   * side by side (one statement each: on two cores, two lists at once beat one statement for all).
   */
  async breakdowns(scope: AnalyticsScope, groups: ReportGroup[], options: BreakdownOptions): Promise<MetricsRow[][]> {
    const once = memo();
    return Promise.all(groups.map(async (group) => this.breakdown(scope, group, options, once)));
  }

  private async breakdown(
    scope: AnalyticsScope,
    group: ReportGroup,
    options: BreakdownOptions,
    once: Once,
  ): Promise<MetricsRow[]> {
    const parameters = new Parameters();
    const key: Key = isDimension(group) ? { kind: 'dimension', dimension: group } : { kind: 'link' };
    const results = this.results(scope, key, parameters, await this.sources(scope, key, once, group), group);
    const label =
      group === 'link'
        ? `(SELECT links.domain || '/' || links.slug FROM links WHERE links.id = results.key)`
        : group === 'folder'
          ? `(SELECT name FROM link_folders WHERE id = results.key)`
          : group === 'tag'
            ? `(SELECT name FROM link_tags WHERE id = results.key)`
            : 'NULL';
    const direction = options.order === 'asc' ? 'ASC' : 'DESC';
    const rows = await this.dataSource.query(
      `WITH ${results}
       SELECT results.*, ${label} AS label FROM results
        WHERE results.clicks > 0 OR results.leads > 0 OR results.sales > 0
        ORDER BY results.${SORT_COLUMNS[options.sort]} ${direction}, results.key
        LIMIT ${parameters.add(options.limit)}`,
      parameters.values,
    );
    return rows.map(toMetrics);
  }

  /**
   * `click_rows AS (…), …, results AS (key, clicks, unique_visitors, leads, sales, revenue)`: the common table
   * expressions of the scope grouped by `key`; link groups (folder, tag) are computed per link, then mapped.
   */
  private results(
    scope: AnalyticsScope,
    key: Key,
    parameters: Parameters,
    { pairs, blocks, linkGroupDays }: Sources,
    linkGroup?: ReportGroup,
  ): string {
    const workspace = parameters.add(scope.workspaceId);
    const linkSet = linkSetCondition(scope, workspace, parameters);
    const dimensions = dimensionConditions(scope, parameters);
    const single = oneDimensionFilter(scope, key);
    const map = (source: string, columns: string) => mapToLinkGroup(source, columns, linkGroup);
    const clickRows = () =>
      pairs
        ? this.pairClicks(scope, key, workspace, pairs, blocks, linkSet, dimensions, parameters)
        : scope.source === 'raw' || (dimensions !== null && !single)
          ? this.rawClicks(scope, [[scope.start, scope.end]], key, workspace, linkSet, dimensions, parameters)
          : single
            ? this.oneDimensionClicks(scope, key, workspace, single.dimension, single.values, parameters)
            : this.rollupClicks(scope, key, workspace, linkSet, blocks, parameters);
    // Folders and tags: from their pairs where built, otherwise per link, mapped.
    const groupClicks =
      linkGroup === 'folder' || linkGroup === 'tag'
        ? linkGroupDays
          ? this.linkGroupClicks(scope, linkGroup, workspace, linkGroupDays, blocks, dimensions, parameters)
          : mapLinkClicks(clickRows(), linkGroup)
        : map(clickRows(), 'source.clicks, source.unique_visitors');
    const conversionRows = conversionSource(scope, key, workspace, linkSet, dimensions, parameters);
    return `click_rows AS (${groupClicks}),
      conversion_rows AS (${map(conversionRows, 'source.type, source.currency, source.amount')}),
      click_totals AS (
        SELECT key, sum(clicks)::bigint AS clicks, sum(unique_visitors)::bigint AS unique_visitors FROM click_rows WHERE key IS NOT NULL GROUP BY key
      ),
      conversion_totals AS (
        SELECT key, count(*) FILTER (WHERE type = 'lead') AS leads, count(*) FILTER (WHERE type = 'sale') AS sales
          FROM conversion_rows WHERE key IS NOT NULL GROUP BY key
      ),
      revenue AS (
        SELECT key, jsonb_agg(jsonb_build_object('currency', currency, 'amount', amount) ORDER BY amount DESC, currency) AS revenue
          FROM (SELECT key, currency, sum(amount) AS amount FROM conversion_rows
                 WHERE key IS NOT NULL AND type = 'sale' AND currency IS NOT NULL GROUP BY key, currency) AS sums
         GROUP BY key
      ),
      results AS (
        SELECT key, coalesce(click_totals.clicks, 0) AS clicks, coalesce(click_totals.unique_visitors, 0) AS unique_visitors,
               coalesce(conversion_totals.leads, 0) AS leads, coalesce(conversion_totals.sales, 0) AS sales,
               coalesce(revenue.revenue, '[]'::jsonb) AS revenue
          FROM click_totals FULL JOIN conversion_totals USING (key) LEFT JOIN revenue USING (key)
      )`;
  }

  /** Rows (key, clicks, unique_visitors) from the rollups; only called without dimension filters. */
  private rollupClicks(
    scope: AnalyticsScope,
    key: Key,
    workspace: string,
    linkSet: string | null,
    blocks: Coverage,
    parameters: Parameters,
  ): string {
    const clicks = scope.includeBots ? 'clicks + bot_clicks' : 'clicks';
    if (key.kind === 'bucket' || (key.kind === 'total' && !linkSet)) {
      const start = parameters.add(scope.start);
      const end = parameters.add(scope.end);
      const keyExpression = key.kind === 'total' ? `''` : bucketExpression('hour', key, parameters);
      const table = linkSet ? 'link_click_rollups_hourly' : 'workspace_click_rollups_hourly';
      return `SELECT ${keyExpression} AS key, ${clicks} AS clicks, unique_visitors FROM ${table}
               WHERE workspace_id = ${workspace} AND hour >= ${start} AND hour < ${end}${linkSet ? ` AND ${linkSet}` : ''}`;
    }
    // Whole UTC days from the block and daily tables (the fewest blocks and days, some subtracted), the partial
    // days at the edges from the hourly ones — an edge of more than half a day as its whole day minus the other hours.
    const { days, hours } = splitRange(scope.start, scope.end);
    const edges = complementEdges(hours, () => true);
    const hourRanges = (list: [Date, Date][]) =>
      list.map(([from, to]) => `(hour >= ${parameters.add(from)} AND hour < ${parameters.add(to)})`).join(' OR ');
    const periods = (daily: string, table: string, select: (sign: Sign) => string, where: string) =>
      blocksThenDays(
        mergeRuns([...(days ? [days] : []), ...edges.days]),
        blocks,
        { daily, blocks: table, select, where },
        parameters,
      );
    /** The hourly rows of the edges: `select` over `table` where `where`, the hours read and minus the hours left out. */
    const edgeHours = (table: string, select: (sign: Sign) => string, where: string) => [
      ...(edges.plus.length > 0
        ? [`SELECT ${select('')} FROM ${table} WHERE ${where} AND (${hourRanges(edges.plus)})`]
        : []),
      ...(edges.minus.length > 0
        ? [`SELECT ${select('-')} FROM ${table} WHERE ${where} AND (${hourRanges(edges.minus)})`]
        : []),
    ];
    const parts: string[] = [];
    if (key.kind === 'dimension' && linkSet) {
      // A set of links by a dimension: its daily rollup per link for whole days, the raw events of those
      // links for the edge hours (at most two partial days).
      if (days) {
        parts.push(`SELECT value AS key, ${clicks} AS clicks, unique_visitors FROM click_rollups_daily
                     WHERE workspace_id = ${workspace} AND dimension = ${parameters.add(key.dimension)}
                       AND day >= ${parameters.add(days[0])}::date AND day < ${parameters.add(days[1])}::date AND ${linkSet}`);
      }
      if (hours.length > 0) parts.push(this.rawClicks(scope, hours, key, workspace, linkSet, null, parameters));
    } else if (key.kind === 'dimension') {
      const dimension = parameters.add(key.dimension);
      parts.push(
        ...periods(
          'workspace_dimension_rollups_daily',
          'workspace_dimension_rollups_blocks',
          (sign) => `value AS key, ${counts(clicks, sign)}`,
          `workspace_id = ${workspace} AND dimension = ${dimension}`,
        ),
      );
      parts.push(
        ...edgeHours(
          'workspace_dimension_rollups_hourly',
          (sign) => `value AS key, ${counts(clicks, sign)}`,
          `workspace_id = ${workspace} AND dimension = ${dimension}`,
        ),
      );
    } else {
      const links = linkSet ? ` AND ${linkSet}` : '';
      const linkKey = key.kind === 'total' ? `''` : 'link_id';
      parts.push(
        ...periods(
          'link_click_rollups_daily',
          'link_click_rollups_blocks',
          (sign) => `${linkKey} AS key, ${counts(clicks, sign)}`,
          `workspace_id = ${workspace}${links}`,
        ),
      );
      parts.push(
        ...edgeHours(
          'link_click_rollups_hourly',
          (sign) => `${linkKey} AS key, ${counts(clicks, sign)}`,
          `workspace_id = ${workspace}${links}`,
        ),
      );
    }
    return parts.length > 0
      ? parts.join(' UNION ALL ')
      : `SELECT NULL::text AS key, 0 AS clicks, 0 AS unique_visitors WHERE false`;
  }

  /**
   * Rows (key, clicks, unique_visitors) of the workspace under one dimension filter, from the workspace
   * dimension rollups: the filter's values for `country=US,DE`; everything minus them for `country=-US`
   * (clicks without a country are not US).
   */
  private oneDimensionClicks(
    scope: AnalyticsScope,
    key: Key,
    workspace: string,
    dimension: DimensionGroup,
    values: FilterValues,
    parameters: Parameters,
  ): string {
    const clicks = scope.includeBots ? 'clicks + bot_clicks' : 'clicks';
    const dimensionParameter = parameters.add(dimension);
    const subtract = values.include.length === 0 && key.kind !== 'dimension';
    const selected = subtract
      ? `value = ANY(${parameters.add(values.exclude)}::text[])`
      : listCondition('value', values, parameters);
    const sign = subtract ? '-' : '';
    const keyOf = (hour: string) =>
      key.kind === 'bucket' ? bucketExpression(hour, key, parameters) : key.kind === 'dimension' ? 'value' : `''`;
    const parts: string[] = [];
    if (key.kind === 'bucket') {
      const range = `hour >= ${parameters.add(scope.start)} AND hour < ${parameters.add(scope.end)}`;
      parts.push(`SELECT ${keyOf('hour')} AS key, ${counts(clicks, sign)} FROM workspace_dimension_rollups_hourly
                   WHERE workspace_id = ${workspace} AND dimension = ${dimensionParameter} AND ${range} AND ${selected}`);
    } else {
      const { days, hours } = splitRange(scope.start, scope.end);
      if (days) {
        parts.push(`SELECT ${keyOf('')} AS key, ${counts(clicks, sign)} FROM workspace_dimension_rollups_daily
                     WHERE workspace_id = ${workspace} AND dimension = ${dimensionParameter}
                       AND day >= ${parameters.add(days[0])}::date AND day < ${parameters.add(days[1])}::date AND ${selected}`);
      }
      if (hours.length > 0) {
        const ranges = hours
          .map(([from, to]) => `(hour >= ${parameters.add(from)} AND hour < ${parameters.add(to)})`)
          .join(' OR ');
        parts.push(`SELECT ${keyOf('')} AS key, ${counts(clicks, sign)} FROM workspace_dimension_rollups_hourly
                     WHERE workspace_id = ${workspace} AND dimension = ${dimensionParameter} AND (${ranges}) AND ${selected}`);
      }
    }
    if (subtract) {
      parts.push(`SELECT ${keyOf('hour')} AS key, ${clicks} AS clicks, unique_visitors FROM workspace_click_rollups_hourly
                   WHERE workspace_id = ${workspace} AND hour >= ${parameters.add(scope.start)} AND hour < ${parameters.add(scope.end)}`);
    }
    return parts.length > 0
      ? parts.join(' UNION ALL ')
      : `SELECT NULL::text AS key, 0 AS clicks, 0 AS unique_visitors WHERE false`;
  }

  /**
   * What the compaction job has built for the question: its pair rollups, and the current blocks around a window
   * of two days or more; for a breakdown by folder or tag (`group`) unfiltered or under one dimension filter, the
   * days of the folder and tag pairs instead.
   */
  private async sources(scope: AnalyticsScope, key: Key, once: Once, group?: ReportGroup): Promise<Sources> {
    const bounds = coverageBounds(scope);
    // Series and workspace totals read the hourly rollups only.
    const readsDays =
      key.kind === 'dimension' ||
      key.kind === 'link' ||
      (key.kind === 'total' && Object.keys(scope.linkFilters).length > 0);
    const blocks: Promise<Coverage> =
      bounds && readsDays && scope.source !== 'raw'
        ? once('blocks', () =>
            this.blockRollups.currentBlocks(scope.workspaceId, dayToIso(bounds.lo), dayToIso(bounds.hi)),
          ).then((current) => ({ ...bounds, blocks: current }))
        : Promise.resolve(NO_BLOCKS);
    if (
      (group === 'folder' || group === 'tag') &&
      (isUnfiltered(scope) || singleDimensionFilter(scope)) &&
      scope.source !== 'raw'
    ) {
      const [linkGroupDays, current] = await Promise.all([
        this.pairDays(scope, 'link_group', edgeDays(scope), once),
        blocks,
      ]);
      return { pairs: null, blocks: current, linkGroupDays };
    }
    const [pairs, current] = await Promise.all([this.pairSource(scope, key, once), blocks]);
    return { pairs, blocks: current };
  }

  /**
   * The pair rollups' share of the question (see pairFilter): null when the window holds no whole UTC day or
   * none of its days is built and current.
   */
  private async pairSource(scope: AnalyticsScope, key: Key, once: Once): Promise<PairSource | null> {
    const filter = pairFilter(scope, key);
    const { days } = splitRange(scope.start, scope.end);
    if (!filter || !days) return null;
    // The partial days at the edges too (an edge within a built day reads that day's pairs: a folder's or tag's
    // hour rows, or the whole day minus its other hours), and the days around the window a cover may subtract.
    const bounds = coverageBounds(scope) ?? edgeDays(scope);
    const [built, blocks] = await Promise.all([
      this.pairDays(scope, filter.kind, bounds, once),
      once(`pair blocks ${filter.kind}`, () =>
        this.pairRollups.currentBlocks(scope.workspaceId, filter.kind, dayToIso(bounds.lo), dayToIso(bounds.hi)),
      ),
    ]);
    return built.size > 0 ? { ...filter, coverage: { ...bounds, blocks, days: built } } : null;
  }

  /** The current pair days of a kind in [lo, hi) (day numbers), looked up once per range for the lists of one answer. */
  private pairDays(
    scope: AnalyticsScope,
    kind: PairRollupKind,
    { lo, hi }: { lo: number; hi: number },
    once: Once,
  ): Promise<Set<string>> {
    return once(`pair days ${kind} ${lo} ${hi}`, () =>
      this.pairRollups.currentDays(scope.workspaceId, kind, dayToIso(lo), dayToIso(hi)),
    );
  }

  /**
   * Rows (key, clicks, unique_visitors) under one pair filter: from the pair rollups on their days — the
   * filter's values for `country=US,DE` or `folderId=fld_1`; everything minus the excluded values for
   * `country=-US` (clicks without a country are not US) or `tagId=-tag_1` (every existing link's pairs minus
   * the tag's) — and, for the rest of the window, from the raw events (a dimension) or the per-link rollups
   * (a folder or tag; but a folder's or tag's totals and charts take the hours of a built edge day from its
   * pairs' `hour` rows).
   */
  private pairClicks(
    scope: AnalyticsScope,
    key: Key,
    workspace: string,
    pairs: PairSource,
    blocks: Coverage,
    linkSet: string | null,
    dimensions: string | null,
    parameters: Parameters,
  ): string {
    const clicks = scope.includeBots ? 'clicks + bot_clicks' : 'clicks';
    const group = key.kind === 'dimension' ? key.dimension : key.kind === 'link' ? 'link' : 'hour';
    // A function: a chart's bucket adds its time zone parameter to the statements that use it only.
    const keyOf = () =>
      key.kind === 'bucket'
        ? bucketExpression('value::timestamptz', key, parameters)
        : key.kind === 'total'
          ? `''`
          : 'value';
    const { pairDays, raw } = splitByDays(scope.start, scope.end, pairs.coverage.days);
    // Blocks of pairs where built, the other days from the daily pairs.
    const pairRowsOn = (runs: [string, string][]) => (filter: string, values: string[], sign: Sign) =>
      blocksThenDays(
        runs,
        pairs.coverage,
        {
          daily: 'click_pair_rollups_daily',
          blocks: 'click_pair_rollups_blocks',
          select: (blockSign) => `${keyOf()} AS key, ${counts(clicks, times(sign, blockSign))}`,
          where: `workspace_id = ${workspace} AND filter_dimension = ${parameters.add(filter)} AND filter_value = ANY(${parameters.add(values)}::text[])
                  AND dimension = ${parameters.add(group)}`,
        },
        parameters,
      ).join(' UNION ALL ');
    const pairRows = pairRowsOn(pairDays);
    // The hours [from, to) of one built day, from a folder's or tag's `hour` pairs (values: `YYYY-MM-DDTHH:00:00Z`).
    const hourRows = (day: string, from: Date, to: Date) => (filter: string, values: string[], sign: Sign) =>
      `SELECT ${keyOf()} AS key, ${counts(clicks, sign)} FROM click_pair_rollups_daily
        WHERE workspace_id = ${workspace} AND filter_dimension = ${parameters.add(filter)} AND filter_value = ANY(${parameters.add(values)}::text[])
          AND dimension = 'hour' AND day = ${parameters.add(day)}::date AND value >= ${parameters.add(isoHour(from))} AND value < ${parameters.add(isoHour(to))}`;
    const { include, exclude } = pairs.values;
    /** The filter's rows: its values', or everything's (`everything`) minus the excluded values'. */
    const selected = (rows: (filter: string, values: string[], sign: Sign) => string, everything: () => string) =>
      include.length > 0
        ? [
            rows(
              pairs.filter,
              include.filter((value) => !exclude.includes(value)),
              '',
            ),
          ]
        : [everything(), rows(pairs.filter, exclude, '-')];
    const parts: string[] = [];
    if (pairDays.length > 0) {
      parts.push(
        ...selected(pairRows, () =>
          pairs.kind === 'link_group'
            ? pairRows('links', [''], '')
            : this.workspaceRows(group, workspace, pairDays, blocks, clicks, parameters),
        ),
      );
    }
    if (pairs.kind === 'link_group') {
      for (const [from, to] of raw) {
        const day = dayWithin([from, to]);
        if ((key.kind === 'total' || key.kind === 'bucket') && day && pairs.coverage.days.has(day)) {
          const rows = hourRows(day, from, to);
          parts.push(...selected(rows, () => rows('links', [''], '')));
        } else {
          parts.push(
            this.rollupClicks({ ...scope, start: from, end: to }, key, workspace, linkSet, blocks, parameters),
          );
        }
      }
    } else if (raw.length > 0) {
      // An edge of more than half of a built day: that day's pairs minus the raw events of its other hours.
      const edges = complementEdges(raw, (day) => pairs.coverage.days.has(day));
      if (edges.days.length > 0) {
        parts.push(
          ...selected(pairRowsOn(edges.days), () =>
            this.workspaceRows(group, workspace, edges.days, NO_BLOCKS, clicks, parameters),
          ),
        );
      }
      if (edges.plus.length > 0)
        parts.push(this.rawClicks(scope, edges.plus, key, workspace, null, dimensions, parameters));
      if (edges.minus.length > 0) {
        parts.push(
          `SELECT key, -clicks AS clicks, -unique_visitors AS unique_visitors FROM (${this.rawClicks(scope, edges.minus, key, workspace, null, dimensions, parameters)}) AS left_out`,
        );
      }
    }
    return parts.join(' UNION ALL ');
  }

  /**
   * Rows (key, clicks, unique_visitors) of the workspace by folder (`(none)`: every link's pairs minus the
   * folders') or tag, unfiltered or under one dimension filter, from the folder and tag pairs on the built `days`
   * (per folder or tag and day: ~24 `hour` rows, or the filter's values, instead of every link's rollups); the
   * rest of the window from the per-link rollups (unfiltered) or the raw events (filtered) of each link, mapped.
   * Unfiltered, the hours of a built edge day come from its `hour` rows too.
   */
  private linkGroupClicks(
    scope: AnalyticsScope,
    group: 'folder' | 'tag',
    workspace: string,
    days: Set<string>,
    blocks: Coverage,
    dimensions: string | null,
    parameters: Parameters,
  ): string {
    const clicks = scope.includeBots ? 'clicks + bot_clicks' : 'clicks';
    const filter = singleDimensionFilter(scope);
    const { pairDays, raw } = splitByDays(scope.start, scope.end, days);
    const fromPairs: [Date, Date][] = pairDays.map(([from, to]) => [new Date(from), new Date(to)]);
    const fromLinks: [Date, Date][] = [];
    for (const range of raw) {
      const day = dayWithin(range);
      (!filter && day && days.has(day) ? fromPairs : fromLinks).push(range);
    }
    const parts: string[] = [];
    if (fromPairs.length > 0) {
      // `hour` rows within the time ranges; the filter's rows on their whole days.
      // The days listed: an index condition (several ranges OR-ed would be a filter over every day of the pairs).
      const listed = fromPairs.flatMap(([from, to]) => {
        const list: string[] = [];
        for (let day = Math.floor(from.getTime() / DAY_MS) * DAY_MS; day < to.getTime(); day += DAY_MS)
          list.push(isoDay(day));
        return list;
      });
      const dayRanges = () => `day = ANY(${parameters.add(listed)}::date[])`;
      const hours = () =>
        `dimension = 'hour' AND (${fromPairs.map(([from, to]) => `(value >= ${parameters.add(isoHour(from))} AND value < ${parameters.add(isoHour(to))})`).join(' OR ')}) AND (${dayRanges()})`;
      const values = (list: string[]) =>
        `dimension = ${parameters.add(filter!.dimension)} AND value = ANY(${parameters.add(list)}::text[]) AND (${dayRanges()})`;
      const selections: [() => string, Sign][] = !filter
        ? [[hours, '']]
        : filter.values.include.length > 0
          ? [[() => values(filter.values.include.filter((value) => !filter.values.exclude.includes(value))), '']]
          : // Clicks without a value for the dimension are not excluded: all clicks minus the excluded values'.
            [
              [hours, ''],
              [() => values(filter.values.exclude), '-'],
            ];
      // The workspace's folders or tags listed, so that the primary key is walked per folder or tag, not over every pair.
      const filterValues = {
        folder: `ARRAY(SELECT id FROM link_folders WHERE workspace_id = ${workspace})`,
        tag: `ARRAY(SELECT id FROM link_tags WHERE workspace_id = ${workspace})`,
        links: `'{""}'`,
      };
      const rows = (pairFilter: 'folder' | 'tag' | 'links', key: string, sign: Sign, condition: string) =>
        `SELECT ${key} AS key, ${counts(clicks, sign)} FROM click_pair_rollups_daily
          WHERE workspace_id = ${workspace} AND filter_dimension = '${pairFilter}' AND filter_value = ANY(${filterValues[pairFilter]}::text[]) AND ${condition}`;
      for (const [condition, sign] of selections) {
        parts.push(rows(group, 'filter_value', sign, condition()));
        if (group === 'folder')
          parts.push(
            rows('links', `'(none)'`, sign, condition()),
            rows('folder', `'(none)'`, sign === '-' ? '' : '-', condition()),
          );
      }
    }
    for (const [from, to] of fromLinks) {
      const range = { ...scope, start: from, end: to };
      const links = filter
        ? this.rawClicks(range, [[from, to]], { kind: 'link' }, workspace, null, dimensions, parameters)
        : this.rollupClicks(range, { kind: 'link' }, workspace, null, blocks, parameters);
      parts.push(mapLinkClicks(links, group));
    }
    return parts.join(' UNION ALL ');
  }

  /** Rows (key, clicks, unique_visitors) of the whole workspace on the given days, by dimension value or link (from blocks where built). */
  private workspaceRows(
    group: string,
    workspace: string,
    dayRuns: [string, string][],
    blocks: Coverage,
    clicks: string,
    parameters: Parameters,
  ): string {
    const tables =
      group === 'link'
        ? {
            daily: 'link_click_rollups_daily',
            blocks: 'link_click_rollups_blocks',
            select: `link_id AS key`,
            where: `workspace_id = ${workspace}`,
          }
        : {
            daily: 'workspace_dimension_rollups_daily',
            blocks: 'workspace_dimension_rollups_blocks',
            select: `value AS key`,
            where: `workspace_id = ${workspace} AND dimension = ${parameters.add(group)}`,
          };
    return blocksThenDays(
      dayRuns,
      blocks,
      { ...tables, select: (sign) => `${tables.select}, ${counts(clicks, sign)}` },
      parameters,
    ).join(' UNION ALL ');
  }

  /**
   * Rows (key, clicks, unique_visitors) from the raw events of the time ranges (of the scope's window), read in
   * one scan. A visitor is unique on the click the writer marked `first_visit` (its first of the UTC day on the
   * link), whatever the filters.
   */
  private rawClicks(
    scope: AnalyticsScope,
    ranges: [Date, Date][],
    key: Key,
    workspace: string,
    linkSet: string | null,
    dimensions: string | null,
    parameters: Parameters,
  ): string {
    const times = ranges
      .map(([from, to]) => `(time >= ${parameters.add(from)} AND time < ${parameters.add(to)})`)
      .join(' OR ');
    return `SELECT ${eventKey(key, parameters)} AS key, ${scope.includeBots ? '1' : '(NOT is_bot)::int'} AS clicks, first_visit::int AS unique_visitors
              FROM click_events
             WHERE workspace_id = ${workspace} AND (${times})${linkSet ? ` AND ${linkSet}` : ''}${dimensions ? ` AND ${dimensions}` : ''}`;
  }
}

/**
 * The one dimension filter of a workspace-wide question a dimension rollup answers exactly: totals and
 * series, or a breakdown by that same dimension. Null otherwise (no filter, link filters, two dimensions).
 */
function oneDimensionFilter(
  scope: AnalyticsScope,
  key: Key,
): { dimension: DimensionGroup; values: FilterValues } | null {
  const filter = singleDimensionFilter(scope);
  return filter && !byOtherThan(key, filter.dimension) ? filter : null;
}

/** Whether the question is by link or by a dimension other than `dimension`. */
function byOtherThan(key: Key, dimension: DimensionGroup): boolean {
  return key.kind === 'link' || (key.kind === 'dimension' && key.dimension !== dimension);
}

/**
 * The filter the pair rollups answer, or null:
 * - one dimension filter, on a breakdown by another dimension or by link (and so by folder or tag) — totals,
 *   charts and a breakdown by the filter's own dimension have the workspace dimension rollups;
 * - one folder or tag filter alone, on any question: folders (any values: a link is in one folder at most),
 *   or one tag included or excluded (links with either of two tags would count twice).
 */
function pairFilter(scope: AnalyticsScope, key: Key): Omit<PairSource, 'coverage'> | null {
  if (scope.source === 'raw') return null;
  const dimension = singleDimensionFilter(scope);
  if (dimension)
    return byOtherThan(key, dimension.dimension)
      ? { kind: 'dimension', filter: dimension.dimension, values: dimension.values }
      : null;
  const linkFilters = Object.entries(scope.linkFilters) as [LinkFilter, FilterValues][];
  if (Object.keys(scope.dimensionFilters).length === 0 && linkFilters.length === 1) {
    const [[name, values]] = linkFilters;
    if (name === 'folderId') return { kind: 'link_group', filter: 'folder', values };
    const single =
      (values.include.length === 1 && values.exclude.length === 0) ||
      (values.include.length === 0 && values.exclude.length === 1);
    if (name === 'tagId' && single) return { kind: 'link_group', filter: 'tag', values };
  }
  return null;
}

/** Rows added (`''`) or subtracted (`'-'`). */
type Sign = '' | '-';

/** `clicks, unique_visitors` of a rollup row, negated with sign `-` (rows subtracted). */
function counts(clicks: string, sign: Sign): string {
  return `${sign}(${clicks}) AS clicks, ${sign}unique_visitors AS unique_visitors`;
}

/** No filter at all. */
function isUnfiltered(scope: AnalyticsScope): boolean {
  return Object.keys(scope.linkFilters).length === 0 && Object.keys(scope.dimensionFilters).length === 0;
}

/** The one dimension filter of a scope without link filters, or null. */
function singleDimensionFilter(scope: AnalyticsScope): { dimension: DimensionGroup; values: FilterValues } | null {
  const filters = Object.entries(scope.dimensionFilters) as [DimensionFilter, FilterValues][];
  if (filters.length !== 1 || Object.keys(scope.linkFilters).length > 0) return null;
  return { dimension: DIMENSION_FILTER_GROUPS[filters[0][0]], values: filters[0][1] };
}

/** The UTC days [lo, hi) the window touches, partial ones at its edges included (day numbers). */
function edgeDays(scope: AnalyticsScope): { lo: number; hi: number } {
  return { lo: dayNumber(scope.start.getTime()), hi: Math.ceil(scope.end.getTime() / DAY_MS) };
}

function isDimension(group: ReportGroup): group is DimensionGroup {
  return group in CLICK_DIMENSION_EXPRESSIONS;
}

/** Key of a raw click or conversion row (both tables name their columns alike). */
function eventKey(key: Key, parameters: Parameters): string {
  switch (key.kind) {
    case 'total':
      return `''`;
    case 'bucket':
      return bucketExpression(EVENT_HOUR, key, parameters);
    case 'dimension':
      return `nullif(left(${CLICK_DIMENSION_EXPRESSIONS[key.dimension]}, ${MAX_DIMENSION_VALUE_LENGTH}), '')`;
    case 'link':
      return 'link_id';
  }
}

/** The bucket (a timestamptz) an hour falls in: the hour itself, or the local midnight starting its day, week or month. */
function bucketExpression(
  hour: string,
  key: { interval: ChartInterval; timezone: string },
  parameters: Parameters,
): string {
  if (key.interval === 'hour') return hour;
  const zone = parameters.add(key.timezone);
  return `(date_trunc('${key.interval}', ${hour} AT TIME ZONE ${zone}::text) AT TIME ZONE ${zone}::text)`;
}

function conversionSource(
  scope: AnalyticsScope,
  key: Key,
  workspace: string,
  linkSet: string | null,
  dimensions: string | null,
  parameters: Parameters,
): string {
  return `SELECT ${eventKey(key, parameters)} AS key, type, currency, amount FROM conversion_events
           WHERE workspace_id = ${workspace} AND time >= ${parameters.add(scope.start)} AND time < ${parameters.add(scope.end)}
             ${linkSet ? `AND ${linkSet}` : ''} ${dimensions ? `AND ${dimensions}` : ''}`;
}

/** Rows keyed by link id regrouped by the link's folder or tags (a link with two tags counts in both). */
function mapToLinkGroup(source: string, columns: string, group: ReportGroup | undefined): string {
  switch (group) {
    case 'folder':
      return `SELECT coalesce(links.folder_id, '(none)') AS key, ${columns} FROM (${source}) AS source JOIN links ON links.id = source.key`;
    case 'tag':
      return `SELECT assignment.tag_id AS key, ${columns} FROM (${source}) AS source JOIN link_tag_assignments assignment ON assignment.link_id = source.key`;
    default:
      return `SELECT source.key, ${columns} FROM (${source}) AS source`;
  }
}

/** Click rows keyed by link id summed per link, then regrouped by folder or tag (one join per link, not per rollup row). */
function mapLinkClicks(source: string, group: 'folder' | 'tag'): string {
  return mapToLinkGroup(
    `SELECT key, sum(clicks) AS clicks, sum(unique_visitors) AS unique_visitors FROM (${source}) AS rows GROUP BY key`,
    'source.clicks, source.unique_visitors',
    group,
  );
}

function listCondition(expression: string, values: FilterValues, parameters: Parameters): string {
  const conditions: string[] = [];
  if (values.include.length > 0) conditions.push(`${expression} = ANY(${parameters.add(values.include)}::text[])`);
  if (values.exclude.length > 0)
    conditions.push(`(${expression} IS NULL OR NOT ${expression} = ANY(${parameters.add(values.exclude)}::text[]))`);
  return conditions.join(' AND ');
}

/** `link_id IN (the workspace's links that pass the link filters)`, or null without link filters. */
function linkSetCondition(scope: AnalyticsScope, workspace: string, parameters: Parameters): string | null {
  const filters = scope.linkFilters;
  const conditions: string[] = [];
  if (filters.linkId) conditions.push(listCondition('links.id', filters.linkId, parameters));
  if (filters.folderId) conditions.push(listCondition('links.folder_id', filters.folderId, parameters));
  if (filters.tagId) {
    const tagged = (tags: string[]) =>
      `EXISTS (SELECT 1 FROM link_tag_assignments tagged WHERE tagged.link_id = links.id AND tagged.tag_id = ANY(${parameters.add(tags)}::varchar[]))`;
    if (filters.tagId.include.length > 0) conditions.push(tagged(filters.tagId.include));
    if (filters.tagId.exclude.length > 0) conditions.push(`NOT ${tagged(filters.tagId.exclude)}`);
  }
  if (conditions.length === 0) return null;
  return `link_id IN (SELECT links.id FROM links WHERE links.workspace_id = ${workspace} AND ${conditions.join(' AND ')})`;
}

function dimensionConditions(scope: AnalyticsScope, parameters: Parameters): string | null {
  const conditions = Object.entries(scope.dimensionFilters).map(([filter, values]) =>
    listCondition(
      `(${CLICK_DIMENSION_EXPRESSIONS[DIMENSION_FILTER_GROUPS[filter as DimensionFilter]]})`,
      values,
      parameters,
    ),
  );
  return conditions.length > 0 ? conditions.join(' AND ') : null;
}

/** Whole UTC days inside [start, end) and the hours around them. */
function splitRange(start: Date, end: Date): { days: [string, string] | null; hours: [Date, Date][] } {
  const firstDay = Math.ceil(start.getTime() / DAY_MS) * DAY_MS;
  const lastDay = Math.floor(end.getTime() / DAY_MS) * DAY_MS;
  if (firstDay >= lastDay) return { days: null, hours: end > start ? [[start, end]] : [] };
  const hours: [Date, Date][] = [];
  if (start.getTime() < firstDay) hours.push([start, new Date(firstDay)]);
  if (lastDay < end.getTime()) hours.push([new Date(lastDay), end]);
  return { days: [isoDay(firstDay), isoDay(lastDay)], hours };
}

/**
 * [start, end) (times) split into runs of whole periods of `step` ms — the first starting at `first` — that
 * `has` holds (contiguous ones merged), and the gaps around them.
 */
function periodRuns(
  start: number,
  end: number,
  first: number,
  step: number,
  has: (period: number) => boolean,
): { runs: [number, number][]; gaps: [number, number][] } {
  const runs: [number, number][] = [];
  const gaps: [number, number][] = [];
  let cursor = start;
  for (let period = first; period + step <= end; period += step) {
    if (!has(period)) continue;
    if (cursor < period) gaps.push([cursor, period]);
    const last = runs[runs.length - 1];
    if (last && last[1] === period) last[1] = period + step;
    else runs.push([period, period + step]);
    cursor = period + step;
  }
  if (cursor < end) gaps.push([cursor, end]);
  return { runs, gaps };
}

/** [start, end) split into runs of the given whole UTC days (`[from, to)` days) and the time ranges between them. */
function splitByDays(start: Date, end: Date, days: Set<string>): { pairDays: [string, string][]; raw: [Date, Date][] } {
  const { runs, gaps } = periodRuns(
    start.getTime(),
    end.getTime(),
    Math.ceil(start.getTime() / DAY_MS) * DAY_MS,
    DAY_MS,
    (day) => days.has(isoDay(day)),
  );
  return {
    pairDays: runs.map(([from, to]) => [isoDay(from), isoDay(to)]),
    raw: gaps.map(([from, to]) => [new Date(from), new Date(to)]),
  };
}

/**
 * Edges of a window (time ranges) split for reading: an edge within one UTC day that covers more than half of it,
 * and whose day `whole` can read, as that whole day (`days`) minus its other hours (`minus`); the others as they
 * are (`plus`). A window starting at 04:00 reads its first day and 4 hours, not 20 hours.
 */
function complementEdges(
  edges: [Date, Date][],
  whole: (day: string) => boolean,
): { days: [string, string][]; plus: [Date, Date][]; minus: [Date, Date][] } {
  const days: [string, string][] = [];
  const plus: [Date, Date][] = [];
  const minus: [Date, Date][] = [];
  for (const [from, to] of edges) {
    const day = dayWithin([from, to]);
    if (!day || to.getTime() - from.getTime() <= DAY_MS / 2 || !whole(day)) {
      plus.push([from, to]);
      continue;
    }
    const dayStart = new Date(day).getTime();
    const dayEnd = dayStart + DAY_MS;
    days.push([day, isoDay(dayEnd)]);
    if (from.getTime() > dayStart) minus.push([new Date(dayStart), from]);
    if (to.getTime() < dayEnd) minus.push([to, new Date(dayEnd)]);
  }
  return { days, plus, minus };
}

/** The UTC day (`YYYY-MM-DD`) a time range [from, to) lies within, or null when it runs past that day. */
function dayWithin([from, to]: [Date, Date]): string | null {
  const dayStart = Math.floor(from.getTime() / DAY_MS) * DAY_MS;
  return to.getTime() <= dayStart + DAY_MS ? isoDay(dayStart) : null;
}

/** Runs of whole days [from, to) sorted, the adjacent ones merged. */
function mergeRuns(runs: [string, string][]): [string, string][] {
  const merged: [string, string][] = [];
  for (const [from, to] of [...runs].sort(([a], [b]) => a.localeCompare(b))) {
    const last = merged[merged.length - 1];
    if (last && last[1] === from) last[1] = to;
    else merged.push([from, to]);
  }
  return merged;
}

/** `a` times `b`. */
function times(a: Sign, b: Sign): Sign {
  return a === b ? '' : '-';
}

/**
 * The days around a window that its covers may read, [lo, hi) (day numbers): its whole and partial days rounded
 * out to the largest block size not above twice its length. Null for a window within one day.
 */
function coverageBounds(scope: AnalyticsScope): { lo: number; hi: number } | null {
  const from = dayNumber(scope.start.getTime());
  const to = Math.ceil(scope.end.getTime() / DAY_MS);
  if (to - from < 2) return null;
  const size = BLOCK_SIZES.filter((days) => days <= 2 * (to - from)).pop()!;
  return { lo: Math.floor(from / size) * size, hi: Math.ceil(to / size) * size };
}

/**
 * `SELECT select(sign) FROM <table> WHERE where AND <days>` over runs of whole days (`YYYY-MM-DD`, [from, to)):
 * each run covered (cover) by blocks from the block table and days from the daily one, added or subtracted. At
 * most four statements.
 */
function blocksThenDays(
  runs: [string, string][],
  coverage: Coverage,
  { daily, blocks, select, where }: { daily: string; blocks: string; select: (sign: Sign) => string; where: string },
  parameters: Parameters,
): string[] {
  const reads = runs.flatMap(([from, to]) =>
    cover(dayNumber(new Date(from).getTime()), dayNumber(new Date(to).getTime()), coverage),
  );
  const statements: string[] = [];
  for (const sign of ['', '-'] as Sign[]) {
    const signed = reads.filter((read) => (read.sign === -1 ? '-' : '') === sign);
    const listed = signed
      .filter((read) => read.days > 1)
      .map((read) => `(start_day = ${parameters.add(dayToIso(read.start))}::date AND days = ${read.days})`);
    if (listed.length > 0)
      statements.push(`SELECT ${select(sign)} FROM ${blocks} WHERE ${where} AND (${listed.join(' OR ')})`);
    const dayList = signed.filter((read) => read.days === 1).map((read) => dayToIso(read.start));
    if (dayList.length > 0)
      statements.push(
        `SELECT ${select(sign)} FROM ${daily} WHERE ${where} AND day = ANY(${parameters.add(dayList)}::date[])`,
      );
  }
  return statements;
}

function isoDay(time: number): string {
  return dayToIso(dayNumber(time));
}

/** A whole hour as the pair rollups key it: `YYYY-MM-DDTHH:00:00Z`. */
function isoHour(time: Date): string {
  return `${time.toISOString().slice(0, 13)}:00:00Z`;
}

interface ResultRow {
  key: string | Date | null;
  label?: string | null;
  clicks: string | number | null;
  unique_visitors: string | number | null;
  leads: string | number | null;
  sales: string | number | null;
  revenue: { currency: string; amount: string | number }[] | null;
}

function toMetrics(row: ResultRow): MetricsRow {
  return {
    key: row.key instanceof Date ? row.key.toISOString() : (row.key ?? ''),
    label: row.label ?? null,
    clicks: Number(row.clicks ?? 0),
    uniqueVisitors: Number(row.unique_visitors ?? 0),
    leads: Number(row.leads ?? 0),
    sales: Number(row.sales ?? 0),
    revenue: (row.revenue ?? []).map((revenue) => ({ currency: revenue.currency, amount: Number(revenue.amount) })),
  };
}
