import type { DataSource } from 'typeorm';
import type {
  AnalyticsScope,
  AnalyticsStore,
  BreakdownOptions,
  MetricsRow,
} from '../../apps/api/src/analytics/analytics-store';
import {
  dimensionExpression,
  isDimension,
  MAX_DIMENSION_VALUE_LENGTH,
  type DimensionGroup,
  type FilterValues,
} from '../../apps/api/src/analytics/dimensions';
import type { ChartInterval, ReportGroup } from '../../apps/api/src/analytics/dto/analytics-query.dto';

/**
 * click_events with each human click's `first_visit`: its visitor's first click on that link and UTC day, by
 * sequence number (unique visitors are the sum of the flags).
 */
const CLICKS_WITH_FIRST_VISITS = `(SELECT *, NOT is_bot AND row_number() OVER (
    PARTITION BY link_id, (time AT TIME ZONE 'UTC')::date, visitor_hash, is_bot ORDER BY seq) = 1 AS first_visit
  FROM click_events) AS click_events`;

/**
 * The reference every analytics store is checked against (equivalence and property specs, bench:analytics):
 * each question answered by one scan of PostgreSQL's raw click_events and conversion_events, in plain SQL,
 * with the meaning stated on the AnalyticsStore port. Slow, and obviously right.
 */
export class RawAnalyticsScan implements AnalyticsStore {
  constructor(private readonly dataSource: DataSource) {}

  async totals(scope: AnalyticsScope): Promise<MetricsRow> {
    const parameters: unknown[] = [];
    const rows = await this.dataSource.query(
      `WITH ${this.results(scope, `''`, parameters)} SELECT * FROM results`,
      parameters,
    );
    return rows.length > 0
      ? toMetrics(rows[0])
      : { key: '', label: null, clicks: 0, uniqueVisitors: 0, leads: 0, sales: 0, revenue: [] };
  }

  async series(scope: AnalyticsScope, interval: ChartInterval, timezone: string): Promise<MetricsRow[]> {
    const parameters: unknown[] = [];
    const add = (value: unknown) => `$${parameters.push(value)}`;
    const hour = `(date_trunc('hour', time AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')`;
    const zone = interval === 'hour' ? '' : add(timezone);
    const bucketOf = (expression: string) =>
      interval === 'hour'
        ? expression
        : `(date_trunc('${interval}', ${expression} AT TIME ZONE ${zone}::text) AT TIME ZONE ${zone}::text)`;
    const results = this.results(scope, bucketOf(hour), parameters);
    const start = add(scope.start);
    const end = add(scope.end);
    const buckets =
      interval === 'hour'
        ? `SELECT generate_series(${start}::timestamptz, ${end}::timestamptz - interval '1 hour', interval '1 hour') AS bucket`
        : `SELECT local_start AT TIME ZONE ${zone}::text AS bucket
             FROM generate_series(date_trunc('${interval}', ${start}::timestamptz AT TIME ZONE ${zone}::text),
                                  date_trunc('${interval}', (${end}::timestamptz - interval '1 hour') AT TIME ZONE ${zone}::text),
                                  interval '1 ${interval}') AS local_start`;
    const rows = await this.dataSource.query(
      `WITH ${results}, buckets AS (${buckets})
       SELECT to_char(buckets.bucket AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS key, results.clicks,
              results.unique_visitors, results.leads, results.sales, results.revenue
         FROM buckets LEFT JOIN results ON results.key = buckets.bucket ORDER BY buckets.bucket`,
      parameters,
    );
    return rows.map(toMetrics);
  }

  breakdowns(scope: AnalyticsScope, groups: ReportGroup[], options: BreakdownOptions): Promise<MetricsRow[][]> {
    return Promise.all(groups.map((group) => this.breakdown(scope, group, options)));
  }

  async minutes(scope: AnalyticsScope): Promise<Map<number, number>> {
    const rows: { minute: string; clicks: number }[] = await this.dataSource.query(
      `SELECT (floor(extract(epoch FROM time) / 60) * 60000)::bigint AS minute, count(*)::int AS clicks
         FROM click_events
        WHERE workspace_id = $1 AND time >= $2 AND time < $3 AND ($4 OR NOT is_bot)
        GROUP BY 1`,
      [scope.workspaceId, scope.start, scope.end, scope.includeBots],
    );
    return new Map(rows.map((row) => [Number(row.minute), row.clicks]));
  }

  private async breakdown(scope: AnalyticsScope, group: ReportGroup, options: BreakdownOptions) {
    const parameters: unknown[] = [];
    const key = isDimension(group)
      ? `nullif(left(${dimensionExpression(group)}, ${MAX_DIMENSION_VALUE_LENGTH}), '')`
      : 'link_id';
    const results = this.results(scope, key, parameters, group);
    const label =
      group === 'link'
        ? `(SELECT links.domain || '/' || links.slug FROM links WHERE links.id = results.key)`
        : group === 'folder'
          ? `(SELECT name FROM link_folders WHERE id = results.key)`
          : group === 'tag'
            ? `(SELECT name FROM link_tags WHERE id = results.key)`
            : 'NULL';
    const sort = { clicks: 'clicks', uniqueVisitors: 'unique_visitors', leads: 'leads', sales: 'sales' }[options.sort];
    parameters.push(options.limit);
    const rows = await this.dataSource.query(
      `WITH ${results}
       SELECT results.*, ${label} AS label FROM results
        WHERE (results.clicks > 0 OR results.leads > 0 OR results.sales > 0)
          ${group === 'link' ? 'AND EXISTS (SELECT 1 FROM links WHERE links.id = results.key)' : ''}
        ORDER BY results.${sort} ${options.order === 'asc' ? 'ASC' : 'DESC'}, results.key COLLATE "C"
        LIMIT $${parameters.length}`,
      parameters,
    );
    return rows.map(toMetrics);
  }

  /** `…, results AS (key, clicks, unique_visitors, leads, sales, revenue)` over the scope's raw events. */
  private results(scope: AnalyticsScope, key: string, parameters: unknown[], group?: ReportGroup): string {
    const add = (value: unknown) => `$${parameters.push(value)}`;
    const conditions = [
      `workspace_id = ${add(scope.workspaceId)}`,
      `time >= ${add(scope.start)}`,
      `time < ${add(scope.end)}`,
    ];
    const links = linkCondition(scope, conditions[0].split(' = ')[1], add);
    if (links) conditions.push(links);
    for (const [name, values] of Object.entries(scope.dimensionFilters) as [DimensionGroup, FilterValues][])
      conditions.push(listCondition(`(${dimensionExpression(name)})`, values, add));
    const where = conditions.join(' AND ');
    const regroup = (source: string, columns: string) =>
      group === 'folder'
        ? `SELECT coalesce(links.folder_id, '(none)') AS key, ${columns} FROM (${source}) AS source JOIN links ON links.id = source.key`
        : group === 'tag'
          ? `SELECT assignment.tag_id AS key, ${columns} FROM (${source}) AS source JOIN link_tag_assignments assignment ON assignment.link_id = source.key`
          : `SELECT source.key, ${columns} FROM (${source}) AS source`;
    const clicks = `SELECT ${key} AS key, ${scope.includeBots ? '1' : '(NOT is_bot)::int'} AS clicks, first_visit::int AS unique_visitors
                      FROM ${CLICKS_WITH_FIRST_VISITS} WHERE ${where}`;
    const conversions = `SELECT ${key} AS key, type, currency, amount FROM conversion_events WHERE ${where}`;
    return `click_rows AS (${regroup(clicks, 'source.clicks, source.unique_visitors')}),
      conversion_rows AS (${regroup(conversions, 'source.type, source.currency, source.amount')}),
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
}

function listCondition(expression: string, values: FilterValues, add: (value: unknown) => string): string {
  const conditions: string[] = [];
  if (values.include.length > 0) conditions.push(`${expression} = ANY(${add(values.include)}::text[])`);
  if (values.exclude.length > 0)
    conditions.push(`(${expression} IS NULL OR NOT ${expression} = ANY(${add(values.exclude)}::text[]))`);
  return conditions.join(' AND ');
}

function linkCondition(scope: AnalyticsScope, workspace: string, add: (value: unknown) => string): string | null {
  const filters = scope.linkFilters;
  const conditions: string[] = [];
  if (filters.linkId) conditions.push(listCondition('links.id', filters.linkId, add));
  if (filters.folderId) conditions.push(listCondition('links.folder_id', filters.folderId, add));
  if (filters.tagId) {
    const tagged = (tags: string[]) =>
      `EXISTS (SELECT 1 FROM link_tag_assignments tagged WHERE tagged.link_id = links.id AND tagged.tag_id = ANY(${add(tags)}::varchar[]))`;
    if (filters.tagId.include.length > 0) conditions.push(tagged(filters.tagId.include));
    if (filters.tagId.exclude.length > 0) conditions.push(`NOT ${tagged(filters.tagId.exclude)}`);
  }
  if (conditions.length === 0) return null;
  return `link_id IN (SELECT links.id FROM links WHERE links.workspace_id = ${workspace} AND ${conditions.join(' AND ')})`;
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
