import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AnalyticsScope, RevenueAmount } from './analytics-store';
import { dimensionExpression, type DimensionGroup, type FilterValues, MAX_DIMENSION_VALUE_LENGTH } from './dimensions';
import type { ChartInterval } from './dto/analytics-query.dto';

/** What a conversion row is grouped by. */
export type ConversionKey =
  | { kind: 'total' }
  | { kind: 'bucket'; interval: ChartInterval; timezone: string }
  | { kind: 'dimension'; dimension: DimensionGroup }
  | { kind: 'link' };

export interface ConversionTotals {
  key: string;
  leads: number;
  sales: number;
  revenue: RevenueAmount[];
}

/**
 * What analytics read from PostgreSQL at query time: the links as they are now (filters, folder and tag groups,
 * labels, which links still exist) and the conversion events (few, and the source of truth for attribution).
 * The clicks themselves are answered by the analytics store.
 */
@Injectable()
export class AnalyticsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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

  /** The workspace's links passing the scope's link filters, or null without link filters. */
  async linkSet(scope: AnalyticsScope): Promise<string[] | null> {
    const parameters: unknown[] = [scope.workspaceId];
    const condition = linkFilterCondition(scope, parameters);
    if (!condition) return null;
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM links WHERE workspace_id = $1 AND ${condition}`,
      parameters,
    );
    return rows.map((row) => row.id);
  }

  /** Of the given links, those that exist, with `domain/slug`. */
  async linkLabels(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; label: string }[] = await this.dataSource.query(
      `SELECT id, domain || '/' || slug AS label FROM links WHERE id = ANY($1::varchar[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row.label]));
  }

  /** The folder (`(none)` without one) or the tags of each of the given links that still exist. */
  async linkGroups(ids: string[], group: 'folder' | 'tag'): Promise<Map<string, string[]>> {
    const groups = new Map<string, string[]>();
    if (ids.length === 0) return groups;
    const rows: { linkId: string; key: string }[] = await this.dataSource.query(
      group === 'folder'
        ? `SELECT id AS "linkId", coalesce(folder_id, '(none)') AS key FROM links WHERE id = ANY($1::varchar[])`
        : `SELECT link_id AS "linkId", tag_id AS key FROM link_tag_assignments WHERE link_id = ANY($1::varchar[])`,
      [ids],
    );
    for (const row of rows) groups.set(row.linkId, [...(groups.get(row.linkId) ?? []), row.key]);
    return groups;
  }

  /** Names of folders or tags. */
  async groupNames(ids: string[], group: 'folder' | 'tag'): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; name: string }[] = await this.dataSource.query(
      `SELECT id, name FROM ${group === 'folder' ? 'link_folders' : 'link_tags'} WHERE id = ANY($1::varchar[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  /** Leads, sales and revenue of the scope's conversion events (of `linkIds` when given), by key. */
  async conversions(scope: AnalyticsScope, key: ConversionKey, linkIds: string[] | null): Promise<ConversionTotals[]> {
    const parameters: unknown[] = [scope.workspaceId, scope.start, scope.end];
    const add = (value: unknown) => `$${parameters.push(value)}`;
    const conditions = [`workspace_id = $1`, `time >= $2`, `time < $3`];
    if (linkIds) conditions.push(`link_id = ANY(${add(linkIds)}::varchar[])`);
    for (const [name, values] of Object.entries(scope.dimensionFilters)) {
      conditions.push(listCondition(`(${dimensionExpression(name as DimensionGroup)})`, values, add));
    }
    const rows: { key: string; type: string; currency: string | null; events: string; amount: string | null }[] =
      await this.dataSource.query(
        `SELECT key, type, currency, count(*) AS events, sum(amount) AS amount
           FROM (SELECT ${conversionKey(key, add)} AS key, type, currency, amount FROM conversion_events
                  WHERE ${conditions.join(' AND ')}) AS rows
          WHERE key IS NOT NULL GROUP BY key, type, currency`,
        parameters,
      );
    const totals = new Map<string, ConversionTotals>();
    for (const row of rows) {
      const total = totals.get(row.key) ?? { key: row.key, leads: 0, sales: 0, revenue: [] };
      totals.set(row.key, total);
      if (row.type === 'lead') total.leads += Number(row.events);
      if (row.type !== 'sale') continue;
      total.sales += Number(row.events);
      if (row.currency !== null) total.revenue.push({ currency: row.currency, amount: Number(row.amount ?? 0) });
    }
    return [...totals.values()];
  }
}

/** The key of a conversion row, as text: ISO bucket starts, dimension values cut like the store's. */
function conversionKey(key: ConversionKey, add: (value: unknown) => string): string {
  switch (key.kind) {
    case 'total':
      return `''`;
    case 'bucket': {
      const hour = `date_trunc('hour', time AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'`;
      const bucket =
        key.interval === 'hour'
          ? hour
          : `(date_trunc('${key.interval}', ${hour} AT TIME ZONE ${add(key.timezone)}::text) AT TIME ZONE ${add(key.timezone)}::text)`;
      return `to_char(${bucket} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
    }
    case 'dimension':
      return `nullif(left(${dimensionExpression(key.dimension)}, ${MAX_DIMENSION_VALUE_LENGTH}), '')`;
    case 'link':
      return 'link_id';
  }
}

function listCondition(expression: string, values: FilterValues, add: (value: unknown) => string): string {
  const conditions: string[] = [];
  if (values.include.length > 0) conditions.push(`${expression} = ANY(${add(values.include)}::text[])`);
  if (values.exclude.length > 0)
    conditions.push(`(${expression} IS NULL OR NOT ${expression} = ANY(${add(values.exclude)}::text[]))`);
  return conditions.join(' AND ');
}

/** The link filters over `links` (a link passes all of them), or null without link filters. */
function linkFilterCondition(scope: AnalyticsScope, parameters: unknown[]): string | null {
  const add = (value: unknown) => `$${parameters.push(value)}`;
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
  return conditions.length > 0 ? conditions.join(' AND ') : null;
}
