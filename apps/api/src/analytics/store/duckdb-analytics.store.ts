import { Injectable } from '@nestjs/common';
import type { DuckDBValue } from '@duckdb/node-api';
import {
  emptyMetrics,
  type AnalyticsScope,
  type AnalyticsStore,
  type BreakdownOptions,
  type MetricsRow,
  type RevenueAmount,
} from '../analytics-store';
import { AnalyticsRepository, type ConversionKey, type ConversionTotals } from '../analytics.repository';
import { isDimension, MAX_DIMENSION_VALUE_LENGTH, type DimensionGroup, type FilterValues } from '../dimensions';
import type { ChartInterval, ReportGroup } from '../dto/analytics-query.dto';
import { AnalyticsDatabase, DAILY_KEY } from './analytics-database';
import { AnalyticsDictionary } from './analytics-dictionary';
import { AnalyticsProjection } from './analytics-projection';

const ISO = `'%Y-%m-%dT%H:%M:%SZ'`;
const DAY_MS = 86_400_000;
const HOUR_US = 3_600_000_000;
const MINUTE_MS = 60_000;
/** Link labels looked up at once for a breakdown by link. */
const LABEL_BATCH = 200;
/** What one pass over the clicks can group by at once: the dimensions, and the link. */
type SharedGroup = DimensionGroup | 'link';

/** Values of one dimension a scope excludes, as codes. */
interface Exclusion {
  dimension: string;
  codes: number[];
}

/** Dictionary codes of a query's values: a filter value's (undefined: no click has it), and the link filter's. */
interface Codes {
  code(dimension: string, value: string): number | undefined;
  links: number[] | null;
}
const SORT_FIELDS = { clicks: 'clicks', uniqueVisitors: 'uniqueVisitors', leads: 'leads', sales: 'sales' } as const;

/**
 * The values of a query, written into its SQL as literals: DuckDB prunes row groups by a constant filter
 * (time, workspace, a dimension value) and reads a constant list of link ids as a hash join, which it cannot do
 * with parameters. Strings are quoted SQL-style (DuckDB gives backslashes no meaning).
 */
class Parameters {
  readonly values: DuckDBValue[] = [];

  add(value: string | string[]): string {
    return Array.isArray(value) ? `[${value.map(literal).join(', ')}]` : literal(value);
  }
}

function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * The analytics store on DuckDB: the clicks are aggregated at query time from this instance's projection of
 * click_events (AnalyticsProjection), with no rollups. What is not a click comes from PostgreSQL at query time
 * (AnalyticsRepository): the links as they are now (link filters become the set of their ids; folder and tag
 * groups map per-link rows, so a link moved to another folder takes its history along; labels; deleted links
 * leave link-level answers) and the conversion events.
 */
@Injectable()
export class DuckDbAnalyticsStore implements AnalyticsStore {
  private readonly dictionary: AnalyticsDictionary;

  constructor(
    private readonly database: AnalyticsDatabase,
    private readonly projection: AnalyticsProjection,
    private readonly links: AnalyticsRepository,
  ) {
    this.dictionary = new AnalyticsDictionary(database);
  }

  async totals(scope: AnalyticsScope): Promise<MetricsRow> {
    await this.projection.assertReady();
    const [row] = await this.rows(scope, { kind: 'total' }, await this.links.linkSet(scope));
    return row ?? emptyMetrics('');
  }

  async series(scope: AnalyticsScope, interval: ChartInterval, timezone: string): Promise<MetricsRow[]> {
    await this.projection.assertReady();
    const key: ConversionKey = { kind: 'bucket', interval, timezone };
    const [rows, buckets] = await Promise.all([
      this.links.linkSet(scope).then((linkIds) => this.rows(scope, key, linkIds)),
      this.buckets(scope, interval, timezone),
    ]);
    const byKey = new Map(rows.map((row) => [row.key, row]));
    return buckets.map((bucket) => byKey.get(bucket) ?? emptyMetrics(bucket));
  }

  async breakdowns(scope: AnalyticsScope, groups: ReportGroup[], options: BreakdownOptions): Promise<MetricsRow[][]> {
    await this.projection.assertReady();
    const linkIds = await this.links.linkSet(scope);
    // A panel's groups are counted in one pass over the clicks (a grouping set each), not one per group: its dimensions,
    // and its links when they too would be counted from the window's clicks (a dimension filter, or no whole day).
    const scanned: SharedGroup[] = [...new Set(groups.filter(isDimension))];
    const scansLinks = Object.keys(scope.dimensionFilters).length > 0 || wholeDays(scope) === null;
    if (scansLinks && groups.some((group) => !isDimension(group))) scanned.push('link');
    const shared =
      scanned.length > 1 && !(linkIds && linkIds.length === 0) ? this.groupedClicks(scope, scanned, linkIds) : null;
    shared?.catch(() => undefined);
    const counted = (group: SharedGroup) =>
      shared && scanned.includes(group) ? shared.then((byGroup) => byGroup.get(group) ?? []) : undefined;
    return Promise.all(
      groups.map((group) =>
        this.breakdown(scope, group, options, linkIds, counted(isDimension(group) ? group : 'link')),
      ),
    );
  }

  async minutes(scope: AnalyticsScope): Promise<Map<number, number>> {
    await this.projection.assertReady();
    const { raw } = clickQuery(scope, await this.codes(scope, null));
    const rows = await this.database.query(
      raw(scope.start, scope.end, `epoch_ms(time) // ${MINUTE_MS} * ${MINUTE_MS} AS key`),
    );
    return new Map(rows.map((row) => [Number(row.key), Number(row.clicks)]));
  }

  private async breakdown(
    scope: AnalyticsScope,
    group: ReportGroup,
    options: BreakdownOptions,
    linkIds: string[] | null,
    clicks?: Promise<MetricsRow[]>,
  ): Promise<MetricsRow[]> {
    let rows: MetricsRow[];
    if (isDimension(group)) {
      rows = await this.rows(scope, { kind: 'dimension', dimension: group }, linkIds, clicks);
    } else {
      const perLink = await this.rows(scope, { kind: 'link' }, linkIds, clicks);
      const ids = perLink.map((row) => row.key);
      if (group === 'link') {
        // Labels of the first rows in order only (a window can hold thousands of links): a deleted link has none
        // and is left out, so the next ones are asked for until the list is full.
        const ordered = sorted(perLink, options);
        rows = [];
        for (let start = 0; rows.length < options.limit && start < ordered.length; start += LABEL_BATCH) {
          const batch = ordered.slice(start, start + LABEL_BATCH);
          const labels = await this.links.linkLabels(batch.map((row) => row.key));
          for (const row of batch) if (labels.has(row.key)) rows.push({ ...row, label: labels.get(row.key)! });
        }
      } else {
        const memberships = await this.links.linkGroups(ids, group);
        const byGroup = new Map<string, MetricsRow>();
        for (const row of perLink) {
          for (const key of memberships.get(row.key) ?? []) byGroup.set(key, add(byGroup.get(key), row, key));
        }
        const names = await this.links.groupNames([...byGroup.keys()], group);
        rows = [...byGroup.values()].map((row) => ({ ...row, label: names.get(row.key) ?? null }));
      }
    }
    return sorted(rows, options).slice(0, options.limit);
  }

  /** Clicks (DuckDB; counted already when given) and conversions (PostgreSQL) of the scope by key, merged. */
  private async rows(
    scope: AnalyticsScope,
    key: ConversionKey,
    linkIds: string[] | null,
    counted?: Promise<MetricsRow[]>,
  ): Promise<MetricsRow[]> {
    if (linkIds && linkIds.length === 0) return [];
    const [clicks, conversions] = await Promise.all([
      counted ?? this.clicks(scope, key, linkIds),
      this.links.conversions(scope, key, linkIds),
    ]);
    const rows = new Map(clicks.map((row) => [row.key, row]));
    for (const conversion of conversions)
      rows.set(conversion.key, withConversions(rows.get(conversion.key), conversion));
    return [...rows.values()];
  }

  /**
   * Clicks and first visits of the scope by key. Without a dimension filter (or with filters on DAILY_KEY alone, for
   * the daily sums), what a pre-aggregate holds is read from it: the hourly sums for a total or chart over the
   * workspace; the daily sums per link (totals of a set of links, breakdowns by link, folder or tag) or per dimension
   * value (breakdowns over the workspace) for the window's whole UTC days, its edge hours from the clicks; under one
   * dimension's exclusions, those daily sums less the excluded clicks of the days (summedDays), and a chart's hourly
   * sums less the excluded clicks of the window. Anything else scans the window's clicks (skipping the row groups
   * outside it).
   */
  private async clicks(scope: AnalyticsScope, key: ConversionKey, linkIds: string[] | null): Promise<MetricsRow[]> {
    const query = clickQuery(scope, await this.codes(scope, linkIds));
    const { parameters, filters, links, raw, sum } = query;
    const sources: string[] = [];
    // A chart sums per UTC hour first (an integer per event, no time zone work), then cuts the few thousand hours
    // into buckets.
    const hour = (column: string) => `epoch_us(${column}) // ${HOUR_US} AS key`;
    const days = key.kind === 'bucket' ? null : await this.summedDays(scope, query);
    const hourly = (key: string) => sum('hourly', 'hour', key, scope.start, scope.end, '');
    if (filters === '' && linkIds === null && (key.kind === 'bucket' || key.kind === 'total')) {
      sources.push(hourly(key.kind === 'bucket' ? hour('hour') : `'' AS key`));
    } else if (key.kind === 'bucket') {
      // Under one dimension's exclusions, as summedDays does for whole days: every hour's sums less the excluded clicks.
      const whole = wholeDays(scope);
      const excluded = whole && (await this.fewerExcluded(whole, query));
      if (excluded)
        sources.push(hourly(hour('hour')), negated(raw(scope.start, scope.end, hour('time'), 'ALL', excluded)));
      else sources.push(raw(scope.start, scope.end, hour('time')));
    } else if (days !== null && (key.kind !== 'dimension' || linkIds === null)) {
      // The whole days from a daily pre-aggregate, the hours before and after them from the clicks.
      const rawKey = `${clickKey(key)} AS key`;
      if (key.kind === 'dimension')
        sources.push(
          sum(
            'daily_values',
            'day',
            'value AS key',
            days.start,
            days.end,
            ` AND dimension = ${parameters.add(key.dimension)}${days.kept}`,
          ),
        );
      else
        sources.push(
          sum(
            'daily_links',
            'day',
            `${key.kind === 'link' ? 'link_id' : `''`} AS key`,
            days.start,
            days.end,
            `${links}${days.kept}`,
          ),
        );
      if (days.excluded) sources.push(negated(raw(days.start, days.end, rawKey, 'ALL', days.excluded)));
      if (scope.start < days.start) sources.push(raw(scope.start, days.start, rawKey));
      if (days.end < scope.end) sources.push(raw(days.end, scope.end, rawKey));
    } else {
      sources.push(raw(scope.start, scope.end, `${clickKey(key)} AS key`));
    }
    const summed = `SELECT key, sum(clicks) AS clicks, sum(first_visits) AS unique_visitors
                      FROM (${sources.join(' UNION ALL ')}) WHERE key IS NOT NULL GROUP BY key HAVING sum(clicks) > 0`;
    if (key.kind === 'dimension' || key.kind === 'link')
      return this.named(key.kind === 'link' ? 'link' : key.dimension, await this.database.query(summed));
    const sql =
      key.kind === 'bucket'
        ? `SELECT ${bucketKey(key, 'to_timestamp(key * 3600)', parameters)} AS key, sum(clicks) AS clicks, sum(unique_visitors) AS unique_visitors
             FROM (${summed}) GROUP BY 1`
        : `SELECT '' AS key, sum(clicks) AS clicks, sum(unique_visitors) AS unique_visitors FROM (${summed}) HAVING count(*) > 0`;
    return (await this.database.query(sql)).map(toMetrics);
  }

  /**
   * Rows counted by code, named from the dictionary: dimension values cut to their longest shown length, and the
   * groups whose names are cut alike summed.
   */
  private async named(group: SharedGroup, rows: Record<string, unknown>[]): Promise<MetricsRow[]> {
    const codes = rows.map((row) => Number(row.key));
    const value = await this.dictionary.values(group, codes);
    const byName = new Map<string, MetricsRow>();
    rows.forEach((row, index) => {
      const name = group === 'link' ? value(codes[index]) : shown(value(codes[index]));
      const counted = toMetrics({ ...row, key: name });
      const same = byName.get(name);
      if (same) {
        same.clicks += counted.clicks;
        same.uniqueVisitors += counted.uniqueVisitors;
      } else byName.set(name, counted);
    });
    return [...byName.values()];
  }

  /**
   * Clicks of the scope by value of each of the groups (dimensions, or `link`: by link id), in one query (the same
   * sources as `clicks`; links when a dimension filter applies: then from the daily sums per link only when the
   * excluded clicks are subtracted).
   */
  private async groupedClicks(
    scope: AnalyticsScope,
    groups: SharedGroup[],
    linkIds: string[] | null,
  ): Promise<Map<string, MetricsRow[]>> {
    const query = clickQuery(scope, await this.codes(scope, linkIds));
    const { parameters, raw, sum } = query;
    const columns = groups.map((group) => `"${group}"`).join(', ');
    const key = (group: SharedGroup) =>
      clickKey(group === 'link' ? { kind: 'link' } : { kind: 'dimension', dimension: group });
    // Per group, the grouped values as (dimension, key) rows.
    const rawByGroup = (start: Date, end: Date, condition?: string) =>
      `SELECT dimension, value AS key, clicks, first_visits FROM (UNPIVOT (
         ${raw(start, end, groups.map((group) => `${key(group)} AS "${group}"`).join(', '), `GROUPING SETS (${groups.map((group) => `("${group}")`).join(', ')})`, condition)}
       ) ON ${columns} INTO NAME dimension VALUE value)`;
    // The daily sums by value hold no link: under a link filter the window's clicks are counted.
    const days = linkIds === null ? await this.summedDays(scope, query) : null;
    const sources: string[] = [];
    if (days === null) sources.push(rawByGroup(scope.start, scope.end));
    else {
      const dimensions = groups.filter((group) => group !== 'link');
      if (dimensions.length > 0) {
        const names = dimensions.map((group) => parameters.add(group)).join(', ');
        sources.push(
          sum(
            'daily_values',
            'day',
            'dimension, value AS key',
            days.start,
            days.end,
            ` AND dimension IN (${names})${days.kept}`,
          ),
        );
      }
      if (groups.includes('link'))
        sources.push(sum('daily_links', 'day', `'link' AS dimension, link_id AS key`, days.start, days.end, days.kept));
      if (days.excluded) sources.push(negated(rawByGroup(days.start, days.end, days.excluded)));
      if (scope.start < days.start) sources.push(rawByGroup(scope.start, days.start));
      if (days.end < scope.end) sources.push(rawByGroup(days.end, scope.end));
    }
    const rows = await this.database.query(
      `SELECT dimension, key, sum(clicks) AS clicks, sum(first_visits) AS unique_visitors
         FROM (${sources.map((source) => `SELECT dimension, key, clicks, first_visits FROM (${source})`).join(' UNION ALL ')})
        WHERE key IS NOT NULL GROUP BY ALL HAVING sum(clicks) > 0`,
    );
    const byGroup = new Map<SharedGroup, Record<string, unknown>[]>(groups.map((group) => [group, []]));
    for (const row of rows) byGroup.get(row.dimension as SharedGroup)!.push(row);
    const named = await Promise.all(groups.map((group) => this.named(group, byGroup.get(group)!)));
    return new Map(groups.map((group, index) => [group, named[index]]));
  }

  /**
   * The window's whole UTC days when their clicks can be read from the daily pre-aggregates: without a filter; under
   * filters on DAILY_KEY alone, a key of those sums (`kept`: the condition they take); or under one dimension's
   * exclusions when fewer clicks are excluded than kept (fewerExcluded): then the days are summed whole and the
   * excluded clicks counted and subtracted (`excluded`, their condition). Exact: every count is a sum of clicks and
   * flags.
   */
  private async summedDays(
    scope: AnalyticsScope,
    query: ReturnType<typeof clickQuery>,
  ): Promise<{ start: Date; end: Date; kept: string; excluded: string | null } | null> {
    const days = wholeDays(scope);
    if (days === null) return null;
    if (query.filters === '') return { ...days, kept: '', excluded: null };
    if (Object.keys(scope.dimensionFilters).every((name) => name === DAILY_KEY))
      return { ...days, kept: query.filters, excluded: null };
    const excluded = await this.fewerExcluded(days, query);
    return excluded === null ? null : { ...days, kept: '', excluded };
  }

  /**
   * Under one dimension's exclusions, their condition when the excluded clicks are fewer than half of the `days`' (by
   * that dimension's daily sums, ~5 ms): then subtracting them from sums scans fewer rows than counting those kept.
   */
  private async fewerExcluded(
    days: { start: Date; end: Date },
    query: ReturnType<typeof clickQuery>,
  ): Promise<string | null> {
    if (query.excluded === null) return null;
    const { dimension, codes } = query.excluded;
    const byValue = query.sum(
      'daily_values',
      'day',
      'value AS key',
      days.start,
      days.end,
      ` AND dimension = ${query.parameters.add(dimension)}`,
    );
    const [share] = await this.database.query(
      `SELECT sum(clicks) FILTER (WHERE key IN (${codes.join(', ')})) AS excluded, sum(clicks) AS valued FROM (${byValue})`,
    );
    return 2 * Number(share?.excluded ?? 0) < Number(share?.valued ?? 0)
      ? ` AND ${oneOf(`"${dimension}"`, codes)}`
      : null;
  }

  /**
   * The dictionary codes of the scope's filter values and of `linkIds`, looked up before the clicks are counted: the
   * query then filters by integer literals, which DuckDB applies while scanning. A value without a code has no click.
   */
  private async codes(scope: AnalyticsScope, linkIds: string[] | null): Promise<Codes> {
    const filters = Object.entries(scope.dimensionFilters) as [string, FilterValues][];
    const [links, ...byFilter] = await Promise.all([
      linkIds && this.dictionary.codes('link', linkIds),
      ...filters.map(([name, values]) => this.dictionary.codes(name, [...values.include, ...values.exclude])),
    ]);
    const byDimension = new Map(filters.map(([name], index) => [name, byFilter[index]]));
    return {
      code: (dimension, value) => byDimension.get(dimension)?.get(value),
      links: links && [...links.values()],
    };
  }

  /** The ISO starts of the window's buckets, cut in the time zone for days, weeks and months. */
  private async buckets(scope: AnalyticsScope, interval: ChartInterval, timezone: string): Promise<string[]> {
    const parameters = new Parameters();
    const start = `${parameters.add(scope.start.toISOString())}::TIMESTAMPTZ`;
    const last = `${parameters.add(scope.end.toISOString())}::TIMESTAMPTZ - INTERVAL 1 HOUR`;
    let sql: string;
    if (interval === 'hour') {
      sql = `SELECT strftime(generate_series, ${ISO}) AS bucket FROM generate_series(${start}, ${last}, INTERVAL 1 HOUR)`;
    } else {
      const zone = parameters.add(timezone);
      sql = `SELECT strftime(timezone(${zone}, generate_series), ${ISO}) AS bucket
               FROM generate_series(date_trunc('${interval}', timezone(${zone}, ${start})),
                                    date_trunc('${interval}', timezone(${zone}, ${last})), INTERVAL 1 ${interval.toUpperCase()})`;
    }
    const rows = await this.database.query(sql);
    return rows.map((row) => row.bucket as string);
  }
}

/**
 * The pieces of a clicks query over a scope: its literals, its conditions, and the two kinds of source, a scan
 * of the window's clicks (`raw`: keys and grouping given) and a pre-aggregate's sums (`sum`).
 */
function clickQuery(scope: AnalyticsScope, codes: Codes) {
  const parameters = new Parameters();
  const workspace = parameters.add(scope.workspaceId);
  const bots = scope.includeBots ? '' : ' AND NOT is_bot';
  const links = codes.links ? ` AND link_id IN (SELECT unnest([${codes.links.join(', ')}]::INTEGER[]))` : '';
  const filters = (Object.entries(scope.dimensionFilters) as [string, FilterValues][])
    .map(([name, values]) => listCondition(name, values, codes))
    .filter((condition) => condition !== '')
    .map((condition) => ` AND ${condition}`)
    .join('');
  const time = (date: Date) => `${parameters.add(date.toISOString())}::TIMESTAMPTZ`;
  // First visits as a sum, not a filtered count: DuckDB evaluates the filter per grouping set, ~15% of a panel's pass.
  const raw = (start: Date, end: Date, keys: string, groupBy = 'ALL', condition = `${links}${filters}`) =>
    `SELECT ${keys}, count(*) AS clicks, sum(first_visit::INTEGER) AS first_visits FROM clicks
      WHERE workspace_id = ${workspace} AND time >= ${time(start)} AND time < ${time(end)}${bots}${condition}
      GROUP BY ${groupBy}`;
  const sum = (table: string, column: string, keys: string, start: Date, end: Date, condition: string) =>
    `SELECT ${keys}, sum(clicks) AS clicks, sum(first_visits) AS first_visits FROM ${table}
      WHERE workspace_id = ${workspace} AND ${column} >= ${time(start)} AND ${column} < ${time(end)}${bots}${condition}
      GROUP BY ALL`;
  return { parameters, filters, links, excluded: excludedOnly(scope, codes), time, raw, sum };
}

/**
 * When the scope's only filter excludes values of one dimension (and no link filter applies): that dimension and
 * the codes of its excluded values (those that have one).
 */
function excludedOnly(scope: AnalyticsScope, codes: Codes): Exclusion | null {
  const filters = Object.entries(scope.dimensionFilters) as [string, FilterValues][];
  if (codes.links !== null || filters.length !== 1 || filters[0][1].include.length > 0) return null;
  const [dimension, values] = filters[0];
  const excluded = values.exclude.map((value) => codes.code(dimension, value)).filter((code) => code !== undefined);
  return excluded.length > 0 ? { dimension, codes: excluded } : null;
}

/** The clicks of a source subtracted (negative counts). */
function negated(source: string): string {
  return `SELECT * REPLACE (-clicks AS clicks, -first_visits AS first_visits) FROM (${source})`;
}

/** A dimension value as a group shows it: its first MAX_DIMENSION_VALUE_LENGTH characters (code points, as SQL's `left`). */
function shown(value: string): string {
  return value.length <= MAX_DIMENSION_VALUE_LENGTH ? value : [...value].slice(0, MAX_DIMENSION_VALUE_LENGTH).join('');
}

function toMetrics(row: Record<string, unknown>): MetricsRow {
  return {
    ...emptyMetrics(row.key as string),
    clicks: Number(row.clicks),
    uniqueVisitors: Number(row.unique_visitors),
  };
}

/** Rows with clicks or conversions, in the asked order (ties by key). */
function sorted(rows: MetricsRow[], options: BreakdownOptions): MetricsRow[] {
  const field = SORT_FIELDS[options.sort];
  const direction = options.order === 'asc' ? 1 : -1;
  return rows
    .filter((row) => row.clicks > 0 || row.leads > 0 || row.sales > 0)
    .sort((a, b) => (a[field] - b[field]) * direction || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The window's whole UTC days, when it holds any. */
function wholeDays(scope: AnalyticsScope): { start: Date; end: Date } | null {
  const start = new Date(Math.ceil(scope.start.getTime() / DAY_MS) * DAY_MS);
  const end = new Date(Math.floor(scope.end.getTime() / DAY_MS) * DAY_MS);
  return start < end ? { start, end } : null;
}

/** The key of a click row: a dimension's or the link's code (named after grouping: `named`). */
function clickKey(key: Exclude<ConversionKey, { kind: 'bucket' }>): string {
  switch (key.kind) {
    case 'total':
      return `''`;
    case 'dimension':
      return `"${key.dimension}"`;
    case 'link':
      return 'link_id';
  }
}

/** The ISO start of the bucket a UTC hour falls in: the hour, or its local day, week or month in the time zone. */
function bucketKey(key: { interval: ChartInterval; timezone: string }, hour: string, parameters: Parameters): string {
  if (key.interval === 'hour') return `strftime(${hour}, ${ISO})`;
  const zone = parameters.add(key.timezone);
  return `strftime(timezone(${zone}, date_trunc('${key.interval}', timezone(${zone}, ${hour}))), ${ISO})`;
}

/**
 * A filter's condition on a dimension's codes ('' when it excludes only values no click has). An excluded value is
 * `IS DISTINCT FROM` (a click without a value passes): DuckDB applies it while scanning, where `IS NULL OR NOT IN`
 * was evaluated after the scan, on every row of the window.
 */
function listCondition(dimension: string, values: FilterValues, codes: Codes): string {
  const known = (list: string[]) =>
    list.map((value) => codes.code(dimension, value)).filter((code) => code !== undefined);
  const conditions: string[] = [];
  if (values.include.length > 0) {
    const included = known(values.include);
    conditions.push(included.length > 0 ? oneOf(`"${dimension}"`, included) : 'false');
  }
  for (const code of known(values.exclude)) conditions.push(`"${dimension}" IS DISTINCT FROM ${code}`);
  return conditions.join(' AND ');
}

/**
 * `column` is one of `codes`: several as a semi-join, which DuckDB applies in the scan (by their range first) where it
 * evaluated `IN (a, b)` after the scan, on every row of the window (a 90-day count by link 30% dearer).
 */
function oneOf(column: string, codes: number[]): string {
  return codes.length === 1 ? `${column} = ${codes[0]}` : `${column} IN (SELECT unnest([${codes.join(', ')}]))`;
}

function withConversions(row: MetricsRow | undefined, conversion: ConversionTotals): MetricsRow {
  return {
    ...(row ?? emptyMetrics(conversion.key)),
    leads: conversion.leads,
    sales: conversion.sales,
    revenue: sortRevenue(conversion.revenue),
  };
}

/** `total` plus `row`, keyed `key` (folder and tag groups sum their links). */
function add(total: MetricsRow | undefined, row: MetricsRow, key: string): MetricsRow {
  const sum = total ?? emptyMetrics(key);
  const revenue = new Map(sum.revenue.map((amount) => [amount.currency, amount.amount]));
  // Rounded to a millionth: sums of decimal amounts in binary floating point drift in the last digits.
  for (const amount of row.revenue)
    revenue.set(amount.currency, Math.round(((revenue.get(amount.currency) ?? 0) + amount.amount) * 1e6) / 1e6);
  return {
    key,
    label: null,
    clicks: sum.clicks + row.clicks,
    uniqueVisitors: sum.uniqueVisitors + row.uniqueVisitors,
    leads: sum.leads + row.leads,
    sales: sum.sales + row.sales,
    revenue: sortRevenue([...revenue].map(([currency, amount]) => ({ currency, amount }))),
  };
}

/** Largest amount first, then by currency. */
function sortRevenue(revenue: RevenueAmount[]): RevenueAmount[] {
  return [...revenue].sort((a, b) => b.amount - a.amount || (a.currency < b.currency ? -1 : 1));
}
