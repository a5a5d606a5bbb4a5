import { useState } from 'preact/hooks';
import { api, ApiError, Schemas } from '../api';
import type { Session } from '../app';
import { BarChart, ChartPoint } from '../components/chart';
import { Empty, ErrorNotice, PlanNotice, SelectField, Spinner } from '../components/ui';
import { formatNumber } from '../format';
import { useLoad } from '../hooks';
import { DASHBOARD_FEATURES, planGateMessage, planIncludes } from '../plans';

type Overview = Schemas['AnalyticsOverviewDto'];
type Chart = Schemas['AnalyticsChartDto'];
type Row = Schemas['AnalyticsRowDto'];
type Revenue = Schemas['AnalyticsRevenueDto'];

const RANGES: [string, string][] = [
  ['24h', 'Last 24 hours'],
  ['7d', 'Last 7 days'],
  ['30d', 'Last 30 days'],
  ['90d', 'Last 90 days'],
];

/** Each panel route and the tables of its answer, in the order shown. */
const PANELS: { route: string; title: string; tables: [string, string][] }[] = [
  {
    route: 'traffic_panel',
    title: 'Traffic',
    tables: [
      ['referrers', 'Referrers'],
      ['links', 'Links'],
    ],
  },
  {
    route: 'acquisition_panel',
    title: 'Acquisition',
    tables: [
      ['utm_source', 'UTM source'],
      ['utm_medium', 'UTM medium'],
      ['utm_campaign', 'UTM campaign'],
    ],
  },
  {
    route: 'geo_panel',
    title: 'Locations',
    tables: [
      ['countries', 'Countries'],
      ['regions', 'Regions'],
      ['cities', 'Cities'],
    ],
  },
  {
    route: 'technology_panel',
    title: 'Technology',
    tables: [
      ['devices', 'Devices'],
      ['browsers', 'Browsers'],
      ['os', 'Operating systems'],
    ],
  },
];

interface Settled<T> {
  data?: T;
  error?: unknown;
}

/** Each call on its own: a gated route (free plan) does not hide the overview. */
function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (data) => ({ data }),
    (error: unknown) => ({ error }),
  );
}

/** What the API would answer for a gated route on this plan, known without asking it. */
const PLAN_GATE = new ApiError(
  403,
  planGateMessage('advancedAnalytics'),
  'plan_upgrade_required',
  [],
  DASHBOARD_FEATURES.advancedAnalytics.minimumPlan,
);

function get<T>(route: string, query: Record<string, string>): Promise<T> {
  return api<T>('GET', `/api/v1/analytics/${route}`, { query });
}

export function AnalyticsPage(props: { session: Session }) {
  const [range, setRange] = useState('7d');
  // The chart and panels need advanced analytics: a plan without it gets the notice without asking the API (a 403).
  const advanced = planIncludes(props.session.workspace.plan, 'advancedAnalytics');
  const results = useLoad(async () => {
    const query = {
      range,
      interval: range === '24h' ? 'hour' : 'day',
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    };
    const gated = <T,>(route: string): Promise<Settled<T>> =>
      advanced ? settle(get<T>(route, query)) : Promise.resolve({ error: PLAN_GATE });
    const [overview, chart, ...panels] = await Promise.all([
      settle(get<Overview>('overview', query)),
      gated<Chart>('chart'),
      ...PANELS.map((panel) => gated<Record<string, unknown>>(panel.route)),
    ]);
    return {
      overview: overview as Settled<Overview>,
      chart: chart as Settled<Chart>,
      panels: panels as Settled<Record<string, unknown>>[],
    };
  }, [range, advanced]);

  return (
    <section>
      <div class="page-header">
        <h1>Analytics</h1>
        <div class="compact">
          <SelectField label="Period" value={range} onValue={setRange} options={RANGES} />
        </div>
      </div>
      {results.loading && <Spinner label={results.data ? 'Updating…' : 'Loading analytics…'} />}
      {results.error && <ErrorNotice error={results.error} />}
      {results.data && (
        <>
          <GateNotice results={[results.data.chart, ...results.data.panels]} />
          <OverviewCards result={results.data.overview} />
          <div class="card">
            <h2>Clicks over time</h2>
            <ChartResult result={results.data.chart} />
          </div>
          <div class="panels">
            {PANELS.map((panel, index) => (
              <div class="card" key={panel.route}>
                <h2>{panel.title}</h2>
                <PanelResult result={results.data!.panels[index]} tables={panel.tables} />
              </div>
            ))}
          </div>
        </>
      )}
    </section>
  );
}

const isPlanGate = (error: unknown): error is ApiError =>
  error instanceof ApiError && error.code === 'plan_upgrade_required';

/** The plan message once for the page, rather than on every gated card. */
function GateNotice(props: { results: Settled<unknown>[] }) {
  const gate = props.results.map((result) => result.error).find(isPlanGate);
  return gate ? <PlanNotice message={gate.message} plan={gate.requiredPlan} /> : null;
}

function Unavailable(props: { error: unknown }) {
  if (isPlanGate(props.error)) {
    const plan = props.error.requiredPlan ?? 'a higher';
    return <p class="muted gated">Opens with the {plan[0].toUpperCase() + plan.slice(1)} plan.</p>;
  }
  return <ErrorNotice error={props.error} />;
}

function formatRevenue(revenue: Revenue[]): string {
  if (revenue.length === 0) return '0';
  return revenue
    .map((entry) =>
      new Intl.NumberFormat(undefined, { style: 'currency', currency: entry.currency }).format(entry.amount / 100),
    )
    .join(' + ');
}

/** Change against the previous period of the same length, as the API answers it. */
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

function OverviewCards(props: { result: Settled<Overview> }) {
  if (props.result.error) return <Unavailable error={props.result.error} />;
  const overview = props.result.data!;
  const stats: [string, number, number][] = [
    ['Clicks', overview.clicks, overview.previous.clicks],
    ['Unique visitors', overview.uniqueVisitors, overview.previous.uniqueVisitors],
    ['Leads', overview.leads, overview.previous.leads],
    ['Sales', overview.sales, overview.previous.sales],
  ];
  return (
    <>
      {overview.warnings.map((warning) => (
        <p class="notice" role="status" key={warning}>
          {warning}
        </p>
      ))}
      <div class="stats" aria-label="Overview">
        {stats.map(([label, now, before]) => (
          <div class="stat card" key={label} aria-label={label}>
            <span class="stat-label">{label}</span>
            <strong class="stat-value">{formatNumber(now)}</strong>
            <Change now={now} before={before} />
          </div>
        ))}
        <div class="stat card" aria-label="Revenue">
          <span class="stat-label">Revenue</span>
          <strong class="stat-value">{formatRevenue(overview.revenue)}</strong>
        </div>
      </div>
      <p class="muted small stats-note">Changes compare with the previous period of the same length.</p>
    </>
  );
}

function chartPoints(chart: Chart): ChartPoint[] {
  const hourly = chart.interval === 'hour';
  return chart.data.map((bucket) => {
    const time = new Date(bucket.start);
    const label = hourly
      ? time.toLocaleTimeString(undefined, { hour: 'numeric' })
      : time.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
    return { label, value: bucket.clicks };
  });
}

function ChartResult(props: { result: Settled<Chart> }) {
  if (props.result.error) return <Unavailable error={props.result.error} />;
  const chart = props.result.data!;
  if (chart.data.every((bucket) => bucket.clicks === 0)) return <Empty>No clicks in this period.</Empty>;
  return <BarChart points={chartPoints(chart)} title="Clicks over time" />;
}

function PanelResult(props: { result: Settled<Record<string, unknown>>; tables: [string, string][] }) {
  if (props.result.error) return <Unavailable error={props.result.error} />;
  const tables = props.tables.map(
    ([key, caption]) => [caption, (props.result.data![key] as Row[] | undefined) ?? []] as const,
  );
  if (tables.every(([, rows]) => rows.length === 0)) return <Empty>No data for this period.</Empty>;
  return (
    <>
      {tables
        .filter(([, rows]) => rows.length > 0)
        .map(([caption, rows]) => (
          <div class="table-scroll" key={caption}>
            <table class="panel-table">
              <caption>{caption}</caption>
              <thead>
                <tr>
                  <th>Name</th>
                  <th class="number">Clicks</th>
                  <th class="number">Visitors</th>
                  <th class="number">Leads</th>
                  <th class="number">Sales</th>
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, 10).map((row) => (
                  <tr key={row.value}>
                    <td>{row.label ?? row.value.replace(/\|/g, ', ')}</td>
                    <td class="number">{formatNumber(row.clicks)}</td>
                    <td class="number">{formatNumber(row.uniqueVisitors)}</td>
                    <td class="number">{formatNumber(row.leads)}</td>
                    <td class="number">{formatNumber(row.sales)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </>
  );
}
