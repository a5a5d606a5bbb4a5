import { useEffect, useState } from 'preact/hooks';
import { api, Schemas } from '../api';
import { BarChart } from '../components/chart';
import { Empty, ErrorNotice, Spinner } from '../components/ui';
import { formatNumber } from '../format';

type Realtime = Schemas['AnalyticsRealtimeDto'];

/** How often the card asks again; a hidden tab does not ask. */
const POLL_MS = 15_000;

/** The last 30 minutes' clicks, per minute, and the latest ones: refreshed in place every 15 seconds. */
export function RealtimeCard(props: { countryName: (code: string) => string }) {
  const [state, setState] = useState<{ data?: Realtime; error?: unknown }>({});
  useEffect(() => {
    let stopped = false;
    const load = () => {
      if (document.visibilityState === 'hidden') return;
      api<Realtime>('GET', '/api/v1/analytics/realtime').then(
        (data) => !stopped && setState({ data }),
        (error: unknown) => !stopped && setState((previous) => ({ ...previous, error })),
      );
    };
    load();
    const timer = setInterval(load, POLL_MS);
    document.addEventListener('visibilitychange', load);
    return () => {
      stopped = true;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', load);
    };
  }, []);
  const { data, error } = state;
  return (
    <div class="card realtime" aria-label="Realtime">
      <div class="card-header">
        <h2>
          <span class="live-dot" aria-hidden="true" /> Last 30 minutes
        </h2>
        {data && (
          <span class="muted small" aria-label="Clicks in the last 30 minutes">
            <strong class="realtime-total">{formatNumber(data.clicks)}</strong> clicks
          </span>
        )}
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      {!data && !error && <Spinner />}
      {data &&
        (data.clicks === 0 ? (
          <Empty>No clicks in the last 30 minutes.</Empty>
        ) : (
          <div class="realtime-body">
            <BarChart
              title="Clicks per minute, last 30 minutes"
              points={data.minutes.map((minute) => ({
                label: new Date(minute.start).toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' }),
                value: minute.clicks,
              }))}
            />
            <ul class="latest-clicks" aria-label="Latest clicks">
              {data.latest.slice(0, 8).map((click) => (
                <li key={`${click.time}${click.linkId}`}>
                  <span class="muted small">
                    {new Date(click.time).toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' })}
                  </span>{' '}
                  <strong>{click.link}</strong>{' '}
                  <span class="muted small">
                    {[click.country && props.countryName(click.country), click.referrer ?? 'direct', click.browser]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                </li>
              ))}
            </ul>
          </div>
        ))}
    </div>
  );
}
