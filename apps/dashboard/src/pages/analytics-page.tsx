import { lazy, Suspense } from 'preact/compat';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api, ApiError, Schemas } from '../api';
import type { Session } from '../app';
import { BarList, formatRevenue, metricOf, Row } from '../analytics/bar-list';
import { downloadBlob, panelsCsv } from '../analytics/export';
import { RealtimeCard } from '../analytics/realtime';
import {
  apiQuery,
  browserTimeZone,
  defaultTimeZone,
  Filter,
  FilterKey,
  FILTERS,
  intervalFor,
  Metric,
  parseView,
  Preset,
  PRESETS,
  previousWindow,
  View,
  viewSearch,
  viewWindow,
  withFilter,
  withoutFilter,
} from '../analytics/view';
import { BarChart, chartPng, ChartPoint } from '../components/chart';
import { Empty, ErrorNotice, PlanNotice, Spinner } from '../components/ui';
import { formatNumber } from '../format';
import { Loaded, useLoad } from '../hooks';
import { DASHBOARD_FEATURES, planGateMessage, planIncludes } from '../plans';
import { navigate } from '../router';

type Overview = Schemas['AnalyticsOverviewDto'];
type Chart = Schemas['AnalyticsChartDto'];

// The map's code and country shapes are loaded only when the Locations card shows, outside the page's budget.
const WorldMap = lazy(() => import('../analytics/world-map'));

/** One table of a panel: the answer's key, its caption, the filter a click on a row sets, the report's groupBy. */
interface Table {
  key: string;
  caption: string;
  filter: FilterKey | null;
  groupBy: string;
}

/** Each panel route and the tables of its answer, in the order shown. */
const PANELS: { route: string; title: string; tables: Table[] }[] = [
  {
    route: 'traffic_panel',
    title: 'Traffic',
    tables: [
      { key: 'referrers', caption: 'Referrers', filter: 'referrer', groupBy: 'referrer' },
      { key: 'links', caption: 'Links', filter: 'linkId', groupBy: 'link' },
      { key: 'variants', caption: 'A/B variants', filter: 'variant', groupBy: 'variant' },
    ],
  },
  {
    route: 'geo_panel',
    title: 'Locations',
    tables: [
      { key: 'countries', caption: 'Countries', filter: 'country', groupBy: 'country' },
      { key: 'regions', caption: 'Regions', filter: 'region', groupBy: 'region' },
      { key: 'cities', caption: 'Cities', filter: 'city', groupBy: 'city' },
    ],
  },
  {
    route: 'technology_panel',
    title: 'Technology',
    tables: [
      { key: 'devices', caption: 'Devices', filter: 'device', groupBy: 'device' },
      { key: 'browsers', caption: 'Browsers', filter: 'browser', groupBy: 'browser' },
      { key: 'os', caption: 'Operating systems', filter: 'os', groupBy: 'os' },
    ],
  },
  {
    route: 'acquisition_panel',
    title: 'Campaigns',
    tables: (['source', 'medium', 'campaign', 'term', 'content'] as const).map((part) => ({
      key: `utm_${part}`,
      caption: `UTM ${part}`,
      filter: `utm_${part}`,
      groupBy: `utm_${part}`,
    })),
  },
];

/** What the API would answer for a gated route on this plan, known without asking it. */
const PLAN_GATE = new ApiError(
  403,
  planGateMessage('advancedAnalytics'),
  'plan_upgrade_required',
  [],
  DASHBOARD_FEATURES.advancedAnalytics.minimumPlan,
);

function get<T>(route: string, query: Record<string, string | number>): Promise<T> {
  return api<T>('GET', `/api/v1/analytics/${route}`, { query });
}

const countryNames = (() => {
  try {
    return new Intl.DisplayNames(undefined, { type: 'region' });
  } catch {
    return null;
  }
})();

/** A country's name from its ISO code ("FR" → "France"); the code when the browser does not know it. */
export function countryName(code: string): string {
  try {
    return countryNames?.of(code) ?? code;
  } catch {
    return code;
  }
}

/** A region or city (`DE|BE|Berlin`) as people write it: "Berlin, BE, Germany". */
function placeName(value: string): string {
  const [country, ...rest] = value.split('|');
  return [...rest.filter(Boolean).reverse(), countryName(country)].join(', ');
}

/** A row's name as shown: links by their short link, places with their country's name, the rest as given. */
function rowName(table: string, row: Row): string {
  if (row.label) return row.label;
  if (table === 'countries') return countryName(row.value);
  if (table === 'regions' || table === 'cities') return placeName(row.value);
  return row.value;
}

/** A filter's value as a chip shows it (places too when the view comes from a URL, before any row was clicked). */
function filterName(filter: Filter, names: Map<string, string>): string {
  if (filter.key === 'country') return countryName(filter.value);
  if (filter.key === 'region' || filter.key === 'city') return placeName(filter.value);
  return names.get(`${filter.key}:${filter.value}`) ?? filter.value;
}

export function AnalyticsPage(props: { session: Session; onWorkspaceChanged: () => void }) {
  const workspaceZone = defaultTimeZone(props.session.workspace.timeZone);
  // The zone of the latest session, for the history listener registered once.
  const zone = useRef(workspaceZone);
  zone.current = workspaceZone;
  const [view, setViewState] = useState(() => parseView(location.search, workspaceZone));
  // Fixed while a view is shown: every panel asks for the very same window.
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const back = () => {
      setViewState(parseView(location.search, zone.current));
      setNow(new Date());
    };
    window.addEventListener('popstate', back);
    return () => window.removeEventListener('popstate', back);
  }, []);
  const setView = (next: View) => {
    navigate(`/analytics${viewSearch(next, workspaceZone)}`);
    setViewState(next);
    setNow(new Date());
  };
  // The names chips show for ids (a link's short link), learnt from the rows clicked.
  const names = useRef(new Map<string, string>());
  // The rows each panel last showed, for the CSV export of the view.
  const exported = useRef(new Map<string, Row[]>());

  const window_ = useMemo(() => viewWindow(view, now), [view, now]);
  const query = useMemo(() => apiQuery(view, window_), [view, window_]);
  const key = JSON.stringify(query);
  const advanced = planIncludes(props.session.workspace.plan, 'advancedAnalytics');

  const filterBy = (filterKey: FilterKey, row: Row, name: string, exclude: boolean) => {
    names.current.set(`${filterKey}:${row.value}`, name);
    setView(withFilter(view, { key: filterKey, value: row.value, exclude }));
  };

  return (
    <section class="analytics">
      <div class="page-header">
        <h1>Analytics</h1>
        <button
          type="button"
          class="secondary"
          onClick={() => downloadBlob(panelsCsv(exported.current), `linktrace-analytics-${view.range}.csv`)}
        >
          Export CSV
        </button>
      </div>
      <RangeBar
        view={view}
        onView={setView}
        workspaceZone={workspaceZone}
        onSaveZone={
          props.session.workspace.role === 'member'
            ? undefined
            : async (timeZone) => {
                await api('PATCH', `/api/workspaces/${props.session.workspace.id}`, { body: { timeZone } });
                props.onWorkspaceChanged();
              }
        }
      />
      <FilterChips view={view} names={names.current} onView={setView} />
      {!advanced && <PlanNotice message={PLAN_GATE.message} plan={PLAN_GATE.requiredPlan} />}
      <OverviewCards query={query} queryKey={key} view={view} onView={setView} />
      <ChartCard query={query} queryKey={key} view={view} advanced={advanced} interval={intervalFor(window_)} />
      <RealtimeCard countryName={countryName} />
      <div class="panels">
        {PANELS.map((panel) => (
          <PanelCard
            key={panel.route}
            panel={panel}
            query={query}
            queryKey={key}
            metric={view.metric}
            advanced={advanced}
            onRows={(table, rows) => exported.current.set(`${panel.title} – ${table}`, rows)}
            onFilter={filterBy}
          />
        ))}
      </div>
    </section>
  );
}

const TIME_ZONES: string[] = (() => {
  try {
    return (Intl as unknown as { supportedValuesOf(key: string): string[] }).supportedValuesOf('timeZone');
  } catch {
    return ['UTC'];
  }
})();

/** The window (a preset or a custom range of days), its time zone, the metric and the comparison. */
function RangeBar(props: {
  view: View;
  onView: (view: View) => void;
  workspaceZone: string;
  /** Makes a zone the workspace's (owners and admins); absent for members. */
  onSaveZone?: (timeZone: string) => Promise<void>;
}) {
  const { view } = props;
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<unknown>();
  const [from, setFrom] = useState(view.from ?? '');
  const [to, setTo] = useState(view.to ?? '');
  const [custom, setCustom] = useState(view.range === 'custom');
  useEffect(() => {
    setCustom(view.range === 'custom');
    setFrom(view.from ?? '');
    setTo(view.to ?? '');
  }, [view.range, view.from, view.to]);
  const zones = TIME_ZONES.includes(view.timezone) ? TIME_ZONES : [view.timezone, ...TIME_ZONES];
  const invalid = !from || !to || from > to;
  return (
    <div class="range-bar">
      <label class="inline-field">
        <span>Period</span>
        <select
          aria-label="Period"
          value={custom ? 'custom' : view.range}
          onChange={(event) => {
            const value = event.currentTarget.value;
            if (value === 'custom') setCustom(true);
            else props.onView({ ...view, range: value as Preset, from: undefined, to: undefined });
          }}
        >
          {Object.entries(PRESETS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
          <option value="custom">Custom range…</option>
        </select>
      </label>
      {custom && (
        <form
          class="custom-range"
          onSubmit={(event) => {
            event.preventDefault();
            if (!invalid) props.onView({ ...view, range: 'custom', from, to });
          }}
        >
          <label class="inline-field">
            <span>From</span>
            <input
              aria-label="From"
              type="date"
              value={from}
              max={to || undefined}
              onInput={(event) => setFrom(event.currentTarget.value)}
            />
          </label>
          <label class="inline-field">
            <span>To</span>
            <input
              aria-label="To"
              type="date"
              value={to}
              min={from || undefined}
              onInput={(event) => setTo(event.currentTarget.value)}
            />
          </label>
          <button type="submit" class="small" disabled={invalid}>
            Apply
          </button>
        </form>
      )}
      <label class="inline-field">
        <span>Time zone</span>
        <select
          aria-label="Time zone"
          value={view.timezone}
          onChange={(event) => props.onView({ ...view, timezone: event.currentTarget.value })}
        >
          {zones.map((zone) => {
            const notes = [zone === props.workspaceZone && 'workspace', zone === browserTimeZone() && 'this browser'];
            const note = notes.filter(Boolean).join(', ');
            return (
              <option key={zone} value={zone}>
                {note ? `${zone} (${note})` : zone}
              </option>
            );
          })}
        </select>
      </label>
      {props.onSaveZone && view.timezone !== props.workspaceZone && (
        <button
          type="button"
          class="small secondary"
          disabled={saving}
          onClick={async () => {
            setSaving(true);
            setSaveError(undefined);
            try {
              await props.onSaveZone!(view.timezone);
            } catch (error) {
              setSaveError(error);
            } finally {
              setSaving(false);
            }
          }}
        >
          Make {view.timezone} the workspace's zone
        </button>
      )}
      {saveError !== undefined && <ErrorNotice error={saveError} action="The time zone could not be saved" />}
      <div class="segmented" role="group" aria-label="Metric">
        {(
          [
            ['clicks', 'Clicks'],
            ['uniqueVisitors', 'Unique visitors'],
          ] as [Metric, string][]
        ).map(([metric, label]) => (
          <button
            key={metric}
            type="button"
            class={view.metric === metric ? 'small' : 'small secondary'}
            aria-pressed={view.metric === metric}
            onClick={() => props.onView({ ...view, metric })}
          >
            {label}
          </button>
        ))}
      </div>
      <label class="checkbox">
        <input
          type="checkbox"
          checked={view.compare}
          onChange={(event) => props.onView({ ...view, compare: event.currentTarget.checked })}
        />
        Compare with the previous period
      </label>
    </div>
  );
}

function FilterChips(props: { view: View; names: Map<string, string>; onView: (view: View) => void }) {
  const { filters } = props.view;
  if (filters.length === 0) return null;
  return (
    <div class="filter-chips" aria-label="Filters">
      {filters.map((filter) => {
        const text = `${FILTERS[filter.key]} ${filter.exclude ? '≠' : '='} ${filterName(filter, props.names)}`;
        return (
          <span class={filter.exclude ? 'filter-chip exclude' : 'filter-chip'} key={`${filter.key}:${filter.value}`}>
            {text}
            <button
              type="button"
              class="icon"
              aria-label={`Remove filter ${text}`}
              onClick={() => props.onView(withoutFilter(props.view, filter))}
            >
              ×
            </button>
          </span>
        );
      })}
      <button type="button" class="link-button" onClick={() => props.onView({ ...props.view, filters: [] })}>
        Clear all
      </button>
    </div>
  );
}

const isPlanGate = (error: unknown): error is ApiError =>
  error instanceof ApiError && error.code === 'plan_upgrade_required';

/** A card's own loading and error state: each card loads on its own, so one slow or failed answer hides nothing else. */
function Loading<T>(props: { result: Loaded<T>; children: (data: T) => preact.ComponentChildren }) {
  const { result } = props;
  // A retry shows as loading, not as the error it is retrying.
  if (result.error && !result.loading) {
    if (isPlanGate(result.error)) {
      const plan = result.error.requiredPlan ?? 'a higher';
      return <p class="muted gated">Opens with the {plan[0].toUpperCase() + plan.slice(1)} plan.</p>;
    }
    return (
      <div>
        <ErrorNotice error={result.error} />
        <button type="button" class="small secondary" onClick={result.reload}>
          Try again
        </button>
      </div>
    );
  }
  if (!result.data || result.error) return <Spinner />;
  return (
    <div class={result.loading ? 'updating' : undefined} aria-busy={result.loading}>
      {props.children(result.data)}
    </div>
  );
}

/** Change against the previous period of the same length. */
function Change(props: { now: number; before: number }) {
  if (props.before === 0) {
    if (props.now === 0) return null;
    // No percentage grows from zero: say so instead of an unexplained "new".
    return (
      <span class="muted change" title="None in the previous period of the same length">
        new (none in the previous period)
      </span>
    );
  }
  const percent = Math.round(((props.now - props.before) / props.before) * 100);
  return (
    <span class={`change ${percent >= 0 ? 'up' : 'down'}`} title="Against the previous period of the same length">
      {`${percent >= 0 ? '+' : ''}${percent}%`}
      <span class="visually-hidden"> against the previous period</span>
    </span>
  );
}

function OverviewCards(props: {
  query: Record<string, string>;
  queryKey: string;
  view: View;
  onView: (view: View) => void;
}) {
  const result = useLoad(() => get<Overview>('overview', props.query), [props.queryKey]);
  return (
    <Loading result={result}>
      {(overview) => {
        const stats: [string, Metric | null, number, number][] = [
          ['Clicks', 'clicks', overview.clicks, overview.previous.clicks],
          ['Unique visitors', 'uniqueVisitors', overview.uniqueVisitors, overview.previous.uniqueVisitors],
          ['Leads', null, overview.leads, overview.previous.leads],
          ['Sales', null, overview.sales, overview.previous.sales],
        ];
        return (
          <>
            {overview.warnings.map((warning) => (
              <p class="notice" role="status" key={warning}>
                {warning}
              </p>
            ))}
            <div class="stats" aria-label="Overview">
              {stats.map(([label, metric, now, before]) => (
                <div
                  class={metric && props.view.metric === metric ? 'stat card selected' : 'stat card'}
                  key={label}
                  aria-label={label}
                >
                  <span class="stat-label">{label}</span>
                  <strong class="stat-value">{formatNumber(now)}</strong>
                  {props.view.compare && <Change now={now} before={before} />}
                </div>
              ))}
              <div class="stat card" aria-label="Revenue">
                <span class="stat-label">Revenue</span>
                <strong class="stat-value">{formatRevenue(overview.revenue)}</strong>
              </div>
            </div>
            {props.view.compare && (
              <p class="muted small stats-note">Changes compare with the previous period of the same length.</p>
            )}
          </>
        );
      }}
    </Loading>
  );
}

function bucketLabel(start: string, interval: string, timeZone: string): string {
  const time = new Date(start);
  if (interval === 'hour') return time.toLocaleTimeString(undefined, { hour: 'numeric', timeZone });
  if (interval === 'month') return time.toLocaleDateString(undefined, { month: 'short', year: 'numeric', timeZone });
  return time.toLocaleDateString(undefined, { month: 'short', day: 'numeric', timeZone });
}

function ChartCard(props: {
  query: Record<string, string>;
  queryKey: string;
  view: View;
  advanced: boolean;
  interval: string;
}) {
  const { view } = props;
  const svg = useRef<SVGSVGElement>(null);
  const result = useLoad(async () => {
    if (!props.advanced) throw PLAN_GATE;
    const query = { ...props.query, interval: props.interval };
    const previous = previousWindow({ start: new Date(props.query.start), end: new Date(props.query.end) });
    const [current, before] = await Promise.all([
      get<Chart>('chart', query),
      view.compare
        ? get<Chart>('chart', { ...query, start: previous.start.toISOString(), end: previous.end.toISOString() })
        : null,
    ]);
    return { current, before };
  }, [props.queryKey, props.interval, props.advanced, view.compare]);
  const title = view.metric === 'clicks' ? 'Clicks over time' : 'Unique visitors over time';
  return (
    <div class="card">
      <div class="card-header">
        <h2>{title}</h2>
        {result.data && (
          <button
            type="button"
            class="small secondary"
            onClick={async () => downloadBlob(await chartPng(svg.current!), 'linktrace-chart.png')}
          >
            Download PNG
          </button>
        )}
      </div>
      <Loading result={result}>
        {({ current, before }) => {
          const points: ChartPoint[] = current.data.map((bucket, index) => ({
            label: bucketLabel(bucket.start, current.interval, view.timezone),
            value: metricOf(bucket, view.metric),
            previous: before?.data[index] ? metricOf(before.data[index], view.metric) : undefined,
          }));
          if (points.every((point) => point.value === 0 && !point.previous))
            return <Empty>No clicks in this period.</Empty>;
          return (
            <>
              <BarChart points={points} title={title} svgRef={svg} />
              {before && (
                <p class="muted small legend">
                  <span class="swatch current" /> This period <span class="swatch previous" /> Previous period
                </p>
              )}
            </>
          );
        }}
      </Loading>
    </div>
  );
}

function PanelCard(props: {
  panel: (typeof PANELS)[number];
  query: Record<string, string>;
  queryKey: string;
  metric: Metric;
  advanced: boolean;
  onRows: (table: string, rows: Row[]) => void;
  onFilter: (key: FilterKey, row: Row, name: string, exclude: boolean) => void;
}) {
  const { panel } = props;
  const [tab, setTab] = useState(panel.tables[0].key);
  const result = useLoad(async () => {
    if (!props.advanced) throw PLAN_GATE;
    const answer = await get<Record<string, unknown>>(panel.route, { ...props.query, limit: 10 });
    for (const table of panel.tables) props.onRows(table.caption, (answer[table.key] as Row[] | undefined) ?? []);
    return answer;
  }, [props.queryKey, props.advanced]);
  const table = panel.tables.find((item) => item.key === tab)!;
  const isGeo = panel.route === 'geo_panel';
  return (
    <div class="card panel" aria-label={panel.title}>
      <div class="card-header">
        <h2>{panel.title}</h2>
        <div class="tabs" role="tablist" aria-label={`${panel.title} lists`}>
          {panel.tables.map((item) => (
            <button
              key={item.key}
              type="button"
              role="tab"
              class="tab"
              aria-selected={item.key === tab}
              onClick={() => setTab(item.key)}
            >
              {item.caption}
            </button>
          ))}
        </div>
      </div>
      <Loading result={result}>
        {(answer) => {
          const rows = (answer[table.key] as Row[] | undefined) ?? [];
          const name = (row: Row) => rowName(table.key, row);
          return (
            <>
              {isGeo && (
                <Suspense fallback={<div class="world-map placeholder" />}>
                  <WorldMap
                    countries={(answer.countries as Row[]).map((row) => ({
                      code: row.value,
                      name: countryName(row.value),
                      value: metricOf(row, props.metric),
                    }))}
                    metric={props.metric}
                  />
                </Suspense>
              )}
              <BarList
                caption={table.caption}
                rows={rows}
                metric={props.metric}
                name={name}
                onFilter={
                  table.filter ? (row, exclude) => props.onFilter(table.filter!, row, name(row), exclude) : undefined
                }
                loadAll={async () =>
                  (
                    await get<Schemas['AnalyticsReportDto']>('report', {
                      ...props.query,
                      groupBy: table.groupBy,
                      sort: props.metric,
                      limit: 1000,
                    })
                  ).data
                }
              />
            </>
          );
        }}
      </Loading>
    </div>
  );
}
