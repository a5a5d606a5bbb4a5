import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import type { Session } from '../app';
import { BarChart, ChartPoint } from '../components/chart';
import { Empty, ErrorNotice, PlanNotice, SelectField, Spinner } from '../components/ui';
import { formatNumber } from '../format';
import { useLoad } from '../hooks';

/** Shapes follow DESIGN.md §8 loosely: numbers, series and tables are found by what they hold, not by name. */
type Json = Record<string, unknown>;

const RANGES: [string, string][] = [
  ['24h', 'Last 24 hours'],
  ['7d', 'Last 7 days'],
  ['30d', 'Last 30 days'],
  ['90d', 'Last 90 days'],
];
const RANGE_HOURS: Record<string, number> = { '24h': 24, '7d': 168, '30d': 720, '90d': 2160 };

const PANELS: [string, string][] = [
  ['traffic_panel', 'Traffic'],
  ['acquisition_panel', 'Acquisition'],
  ['geo_panel', 'Locations'],
  ['technology_panel', 'Technology'],
];

function windowFor(range: string) {
  const end = new Date();
  const start = new Date(end.getTime() - RANGE_HOURS[range] * 3_600_000);
  return { start: start.toISOString(), end: end.toISOString(), interval: range === '24h' ? 'hour' : 'day', timezone: Intl.DateTimeFormat().resolvedOptions().timeZone };
}

const get = (route: string, query: Json) => api<Json>('GET', `/api/v1/analytics/${route}`, { query: query as Record<string, string> });

/** Each call on its own: one gated or missing route does not hide the others. */
async function settle(promise: Promise<Json>): Promise<{ data?: Json; error?: unknown }> {
  return promise.then(
    (data) => ({ data }),
    (error: unknown) => ({ error }),
  );
}

export function AnalyticsPage(_props: { session: Session }) {
  const [range, setRange] = useState('7d');
  const results = useLoad(async () => {
    const query = windowFor(range);
    const [overview, chart, ...panels] = await Promise.all([get('overview', query), get('chart', query), ...PANELS.map(([route]) => get(route, query))].map(settle));
    return { overview, chart, panels };
  }, [range]);

  return (
    <section>
      <div class="page-header">
        <h1>Analytics</h1>
        <div class="compact">
          <SelectField label="Period" value={range} onValue={setRange} options={RANGES} />
        </div>
      </div>
      {results.loading && !results.data && <Spinner />}
      {results.data && (
        <>
          <GateNotice results={[results.data.chart, ...results.data.panels]} />
          <Overview result={results.data.overview} />
          <div class="card">
            <h2>Clicks over time</h2>
            <ChartResult result={results.data.chart} />
          </div>
          <div class="panels">
            {PANELS.map(([route, title], index) => (
              <div class="card" key={route}>
                <h2>{title}</h2>
                <PanelResult result={results.data!.panels[index]} />
              </div>
            ))}
          </div>
        </>
      )}
    </section>
  );
}

const isPlanGate = (error: unknown): error is ApiError => error instanceof ApiError && error.code === 'plan_upgrade_required';

/** The plan message once for the page, rather than on every gated card. */
function GateNotice(props: { results: { error?: unknown }[] }) {
  const gate = props.results.map((result) => result.error).find(isPlanGate);
  return gate ? <PlanNotice message={gate.message} plan={gate.requiredPlan} /> : null;
}

/** A 404 means this server has no such route yet; a plan gate names the plan; else the API's own message. */
function Unavailable(props: { error: unknown }) {
  if (isPlanGate(props.error)) {
    const plan = props.error.requiredPlan ?? 'a higher';
    return <p class="muted gated">Opens with the {plan[0].toUpperCase() + plan.slice(1)} plan.</p>;
  }
  if (props.error instanceof ApiError && props.error.status === 404) {
    return <p class="notice">Not available on this server yet ({props.error.message}).</p>;
  }
  return <ErrorNotice error={props.error} />;
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function humanize(key: string): string {
  return key.replace(/_/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (first) => first.toUpperCase());
}

function Overview(props: { result: { data?: Json; error?: unknown } }) {
  if (props.result.error) return <Unavailable error={props.result.error} />;
  const source = isRecord(props.result.data?.data) ? (props.result.data!.data as Json) : (props.result.data ?? {});
  const numbers = Object.entries(source).filter((entry): entry is [string, number] => typeof entry[1] === 'number');
  if (numbers.length === 0) return <Empty>No numbers for this period.</Empty>;
  return (
    <div class="stats" aria-label="Overview">
      {numbers.map(([key, value]) => (
        <div class="stat card" key={key}>
          <span class="stat-label">{humanize(key)}</span>
          <strong class="stat-value">{formatNumber(value)}</strong>
        </div>
      ))}
    </div>
  );
}

const TIME_KEYS = ['start', 'time', 'timestamp', 'date', 'bucket', 'period', 'interval'];

function chartPoints(data: Json | undefined): ChartPoint[] {
  const rows = Array.isArray(data) ? data : (Object.values(data ?? {}).find(Array.isArray) as unknown[] | undefined);
  if (!rows) return [];
  return rows.filter(isRecord).map((row) => {
    const timeKey = TIME_KEYS.find((key) => typeof row[key] === 'string');
    const valueKey = typeof row.clicks === 'number' ? 'clicks' : Object.keys(row).find((key) => typeof row[key] === 'number');
    const time = timeKey ? new Date(row[timeKey] as string) : null;
    const label = time && !Number.isNaN(time.getTime()) ? time.toLocaleDateString(undefined, { month: 'short', day: 'numeric', hour: time.getHours() ? 'numeric' : undefined }) : String(row[timeKey ?? ''] ?? '');
    return { label, value: valueKey ? (row[valueKey] as number) : 0 };
  });
}

function ChartResult(props: { result: { data?: Json; error?: unknown } }) {
  if (props.result.error) return <Unavailable error={props.result.error} />;
  const points = chartPoints(props.result.data);
  if (points.length === 0) return <Empty>No clicks in this period.</Empty>;
  return <BarChart points={points} title="Clicks over time" />;
}

/** Every array of rows in the panel's answer becomes a table (top 10). */
function PanelResult(props: { result: { data?: Json; error?: unknown } }) {
  if (props.result.error) return <Unavailable error={props.result.error} />;
  const tables = Object.entries(props.result.data ?? {}).filter((entry): entry is [string, Json[]] => Array.isArray(entry[1]) && entry[1].every(isRecord));
  if (tables.every(([, rows]) => rows.length === 0)) return <Empty>No data for this period.</Empty>;
  return (
    <>
      {tables.map(([name, rows]) => {
        const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
        return (
          <table key={name} class="panel-table">
            <caption>{humanize(name)}</caption>
            <thead>
              <tr>
                {columns.map((column) => (
                  <th key={column} class={typeof rows[0][column] === 'number' ? 'number' : undefined}>
                    {humanize(column)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, 10).map((row, index) => (
                <tr key={index}>
                  {columns.map((column) => (
                    <td key={column} class={typeof row[column] === 'number' ? 'number' : undefined}>
                      {typeof row[column] === 'number' ? formatNumber(row[column] as number) : String(row[column] ?? '—')}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
    </>
  );
}
