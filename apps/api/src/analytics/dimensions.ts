/**
 * The one registry of click dimensions: what a report can be grouped by besides the link attributes, which of
 * them is also a filter (same query name), and the SQL of its value over a `click_events` or `conversion_events`
 * row (both tables name their columns alike). The analytics DTOs, the analytics store (its projection stores each
 * dimension's value as a column of that name) and the reference scan of PostgreSQL all read it; adding a
 * dimension is one entry here (and its DTO property when it is a filter).
 */
export const DIMENSIONS = [
  /** The short domain the click came through (a link moved to another domain keeps its earlier clicks there). */
  { name: 'domain', filter: true, expression: 'domain' },
  { name: 'country', filter: true, expression: 'country' },
  /** `<country>|<region>`: places of the same name in different countries stay apart. */
  {
    name: 'region',
    filter: true,
    expression: `CASE WHEN country IS NOT NULL AND region IS NOT NULL THEN country || '|' || region END`,
  },
  /** `<country>|<region>|<city>`, the region empty when unknown (`DE||Berlin`). */
  {
    name: 'city',
    filter: true,
    expression: `CASE WHEN country IS NOT NULL AND city IS NOT NULL THEN country || '|' || coalesce(region, '') || '|' || city END`,
  },
  { name: 'device', filter: true, expression: 'device' },
  { name: 'browser', filter: true, expression: 'browser' },
  { name: 'os', filter: true, expression: 'os' },
  /** The referrer's domain; `(direct)` without a referrer, `(unknown)` when it has no domain. */
  {
    name: 'referrer',
    filter: true,
    expression: `coalesce(referrer_domain, CASE WHEN referrer IS NULL THEN '(direct)' ELSE '(unknown)' END)`,
  },
  /** The referrer without its query and fragment. */
  {
    name: 'referrer_url',
    filter: false,
    expression: `coalesce(substring(referrer FROM '^[^?#]*'), '(direct)')`,
    duckdb: `coalesce(regexp_extract(referrer, '^[^?#]*'), '(direct)')`,
  },
  { name: 'utm_source', filter: true, expression: 'utm_source' },
  { name: 'utm_medium', filter: true, expression: 'utm_medium' },
  { name: 'utm_campaign', filter: true, expression: 'utm_campaign' },
  { name: 'utm_term', filter: true, expression: 'utm_term' },
  { name: 'utm_content', filter: true, expression: 'utm_content' },
  /** The A/B test variant (its URL) the click was sent to; clicks outside a running test have none. */
  { name: 'variant', filter: true, expression: 'variant' },
  /** Which destination the click used: web, geo, ios, android or app (the app URL); none before it was recorded. */
  { name: 'destination_type', filter: true, expression: 'destination_type' },
] as const;

type Entry = (typeof DIMENSIONS)[number];
export type DimensionGroup = Entry['name'];
export type DimensionFilter = Extract<Entry, { filter: true }>['name'];

/** Longest value a group shows (longer ones are cut, and grouped by their first characters). */
export const MAX_DIMENSION_VALUE_LENGTH = 500;

export const DIMENSION_GROUPS: readonly DimensionGroup[] = DIMENSIONS.map((dimension) => dimension.name);
export const DIMENSION_FILTERS: readonly DimensionFilter[] = DIMENSIONS.filter(
  (dimension): dimension is Extract<Entry, { filter: true }> => dimension.filter,
).map((dimension) => dimension.name);

/** The `click_events` columns the expressions read (what the analytics store's projection copies). */
export const SOURCE_COLUMNS = [
  'domain',
  'country',
  'region',
  'city',
  'device',
  'browser',
  'os',
  'referrer',
  'referrer_domain',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
  'variant',
  'destination_type',
] as const;

/** The value of a dimension in DuckDB, over a row of SOURCE_COLUMNS (the same SQL where both engines agree). */
export function duckdbDimensionExpression(name: DimensionGroup): string {
  const entry: { expression: string; duckdb?: string } = DIMENSIONS.find((dimension) => dimension.name === name)!;
  return entry.duckdb ?? entry.expression;
}

/** The value of a dimension over a PostgreSQL `click_events` / `conversion_events` row. */
export function dimensionExpression(name: DimensionGroup): string {
  return DIMENSIONS.find((dimension) => dimension.name === name)!.expression;
}

export function isDimension(name: string): name is DimensionGroup {
  return DIMENSIONS.some((dimension) => dimension.name === name);
}

/** Values of one filter: a row passes when it matches one `include` value (if any) and no `exclude` value. */
export interface FilterValues {
  include: string[];
  exclude: string[];
}

/** `US,DE,-FR` → include US and DE, exclude FR. */
export function parseFilter(value: string | undefined): FilterValues | null {
  if (value === undefined) return null;
  const values: FilterValues = { include: [], exclude: [] };
  for (const item of value.split(',')) {
    if (item.startsWith('-')) values.exclude.push(item.slice(1));
    else values.include.push(item);
  }
  return values;
}
