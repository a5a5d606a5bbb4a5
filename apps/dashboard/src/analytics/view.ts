/**
 * What the analytics screen shows, kept in the URL (`/app/analytics?range=30d&referrer=news.ycombinator.com`) so a
 * view can be shared and survives a reload: the window, its time zone, the metric and the filters. The zone is the
 * workspace's (a workspace setting) unless the view picks another.
 */

/** The filters the API takes (docs/API.md, Analytics), with the name a chip shows. */
export const FILTERS = {
  linkId: 'Link',
  domain: 'Domain',
  referrer: 'Referrer',
  country: 'Country',
  region: 'Region',
  city: 'City',
  device: 'Device',
  browser: 'Browser',
  os: 'OS',
  utm_source: 'UTM source',
  utm_medium: 'UTM medium',
  utm_campaign: 'UTM campaign',
  utm_term: 'UTM term',
  utm_content: 'UTM content',
  variant: 'A/B variant',
} as const;
export type FilterKey = keyof typeof FILTERS;
export const FILTER_KEYS = Object.keys(FILTERS) as FilterKey[];

export interface Filter {
  key: FilterKey;
  value: string;
  exclude: boolean;
}

export const PRESETS = {
  '24h': 'Last 24 hours',
  '7d': 'Last 7 days',
  '30d': 'Last 30 days',
  '90d': 'Last 90 days',
  mtd: 'Month to date',
  lastMonth: 'Last month',
  '1y': 'Last 12 months',
} as const;
export type Preset = keyof typeof PRESETS;

export type Metric = 'clicks' | 'uniqueVisitors';

export interface View {
  range: Preset | 'custom';
  /** Calendar days (YYYY-MM-DD) of a custom range, both included, in `timezone`. */
  from?: string;
  to?: string;
  timezone: string;
  metric: Metric;
  compare: boolean;
  filters: Filter[];
}

export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The workspace's zone, or UTC should this browser not know it. */
export const defaultTimeZone = (workspaceZone: string): string => (isTimeZone(workspaceZone) ? workspaceZone : 'UTC');

export function parseView(search: string, defaultZone: string): View {
  const query = new URLSearchParams(search);
  const range = query.get('range') ?? '';
  const from = query.get('from') ?? '';
  const to = query.get('to') ?? '';
  const custom = range === 'custom' && DAY.test(from) && DAY.test(to) && from <= to;
  const timezone = query.get('tz') ?? '';
  const filters: Filter[] = [];
  for (const key of FILTER_KEYS)
    for (const item of query.getAll(key)) {
      const exclude = item.startsWith('-');
      const value = exclude ? item.slice(1) : item;
      if (value) filters.push({ key, value, exclude });
    }
  return {
    range: custom ? 'custom' : range in PRESETS ? (range as Preset) : '30d',
    from: custom ? from : undefined,
    to: custom ? to : undefined,
    timezone: timezone && isTimeZone(timezone) ? timezone : defaultZone,
    metric: query.get('metric') === 'uniqueVisitors' ? 'uniqueVisitors' : 'clicks',
    compare: query.get('compare') !== 'off',
    filters,
  };
}

/** The URL's query of a view; defaults are left out, so the plain page keeps a plain URL. */
export function viewSearch(view: View, defaultZone: string): string {
  const query = new URLSearchParams();
  if (view.range !== '30d') query.set('range', view.range);
  if (view.range === 'custom') {
    query.set('from', view.from!);
    query.set('to', view.to!);
  }
  if (view.metric !== 'clicks') query.set('metric', view.metric);
  if (!view.compare) query.set('compare', 'off');
  // One parameter per value: a value holding a comma (a UTM campaign) stays one value.
  for (const filter of view.filters) query.append(filter.key, `${filter.exclude ? '-' : ''}${filter.value}`);
  // A view that is not the plain page names its zone: shared, it opens on the same days even after the
  // workspace's zone changes.
  if (view.timezone !== defaultZone || query.size > 0) query.set('tz', view.timezone);
  const text = query.toString();
  return text ? `?${text}` : '';
}

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at `instant`, in milliseconds (Europe/Paris in summer: +2 h). */
function zoneOffset(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, Number(part.value)]),
  );
  const local = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return local - (instant - (instant % 1000));
}

/** The instant of local midnight starting a calendar day in a zone (twice corrected: a DST change is one hour). */
export function zonedMidnight(year: number, month: number, day: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day);
  let instant = wall - zoneOffset(wall, timeZone);
  instant = wall - zoneOffset(instant, timeZone);
  return new Date(instant);
}

/** Today's calendar day in a zone, as [year, month (1–12), day]. */
export function zonedToday(now: Date, timeZone: string): [number, number, number] {
  const text = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    now,
  );
  const [year, month, day] = text.split('-').map(Number);
  return [year, month, day];
}

export interface Window {
  start: Date;
  end: Date;
}

const HOUR = 3_600_000;

/** The window a view covers at `now`. */
export function viewWindow(view: View, now: Date): Window {
  const back = (hours: number) => ({ start: new Date(now.getTime() - hours * HOUR), end: now });
  const [year, month] = zonedToday(now, view.timezone);
  switch (view.range) {
    case '24h':
      return back(24);
    case '7d':
      return back(7 * 24);
    case '30d':
      return back(30 * 24);
    case '90d':
      return back(90 * 24);
    case '1y':
      return back(365 * 24);
    case 'mtd':
      return { start: zonedMidnight(year, month, 1, view.timezone), end: now };
    case 'lastMonth':
      return {
        start: zonedMidnight(month === 1 ? year - 1 : year, month === 1 ? 12 : month - 1, 1, view.timezone),
        end: zonedMidnight(year, month, 1, view.timezone),
      };
    case 'custom': {
      const [fromYear, fromMonth, fromDay] = view.from!.split('-').map(Number);
      const [toYear, toMonth, toDay] = view.to!.split('-').map(Number);
      // The last day is included: the window ends at the next local midnight (Date.UTC rolls the month over).
      const next = new Date(Date.UTC(toYear, toMonth - 1, toDay + 1));
      return {
        start: zonedMidnight(fromYear, fromMonth, fromDay, view.timezone),
        end: zonedMidnight(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), view.timezone),
      };
    }
  }
}

/** The period of the same length just before. */
export function previousWindow(window: Window): Window {
  const length = window.end.getTime() - window.start.getTime();
  return { start: new Date(window.start.getTime() - length), end: window.start };
}

export type Interval = 'hour' | 'day' | 'week' | 'month';

/** The chart's buckets follow the window: hours up to 3 days, days up to 3 months, then weeks, then months. */
export function intervalFor(window: Window): Interval {
  const hours = (window.end.getTime() - window.start.getTime()) / HOUR;
  if (hours <= 72) return 'hour';
  if (hours <= 93 * 24) return 'day';
  if (hours <= 400 * 24) return 'week';
  return 'month';
}

/** The API's query for a view: its window, zone and filters (several values of one filter as a comma list). */
export function apiQuery(view: View, window: Window): Record<string, string> {
  const query: Record<string, string> = {
    start: window.start.toISOString(),
    end: window.end.toISOString(),
    timezone: view.timezone,
  };
  for (const key of FILTER_KEYS) {
    const values = view.filters
      .filter((filter) => filter.key === key)
      .map((filter) => `${filter.exclude ? '-' : ''}${filter.value}`);
    if (values.length > 0) query[key] = values.join(',');
  }
  return query;
}

/** Adds a filter, replacing the same value's opposite (include ↔ exclude). */
export function withFilter(view: View, filter: Filter): View {
  const others = view.filters.filter((item) => !(item.key === filter.key && item.value === filter.value));
  return { ...view, filters: [...others, filter] };
}

export function withoutFilter(view: View, filter: Filter): View {
  return { ...view, filters: view.filters.filter((item) => item !== filter) };
}
