import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, HistogramConfiguration, Registry } from 'prom-client';

/**
 * How often the event-loop delay is sampled. prom-client's own `nodejs_eventloop_lag_*` samples every 10 ms and
 * reports the interval with the delay; a 1 ms timer sees stalls of a few ms. It wakes an idle loop a thousand times a
 * second (~25 ms of CPU per second on a busy 2-core machine); under traffic the loop is awake anyway (docs/BENCHMARKS.md).
 */
const EVENT_LOOP_RESOLUTION_MS = 1;

/**
 * A counter's children counted in plain numbers on hot paths, added to the counter when it is read (a scrape, a
 * `get()`): prom-client's labelled `inc()` hashes its label object on every call, bound child or not (~0.3 µs).
 */
const tallies = new WeakMap<Counter, Tally[]>();

interface Tally {
  counted: number;
  readonly child: { inc(value?: number): void };
}

function addTallies(this: Counter): void {
  for (const tally of tallies.get(this) ?? []) {
    if (tally.counted === 0) continue;
    tally.child.inc(tally.counted);
    tally.counted = 0;
  }
}

/** A histogram child's observations counted in plain numbers (TalliedHistogram): per bucket, not cumulative. */
interface HistogramTally {
  readonly labels: Record<string, string | number>;
  readonly buckets: Float64Array;
  count: number;
  sum: number;
}

/**
 * A histogram whose hot-path children (`tally()`) count in plain numbers, added to what prom-client reports when the
 * histogram is read: its `observe()` hashes the label object and validates it on every call (~0.7 µs). A tallied
 * child's labels must be observed through the tally only (prom-client's own entry for them stays at zero).
 */
class TalliedHistogram<T extends string> extends Histogram<T> {
  private readonly tallies = new Map<string, HistogramTally>();

  constructor(
    private readonly bounds: readonly number[],
    configuration: Omit<HistogramConfiguration<T>, 'buckets'>,
  ) {
    super({ ...configuration, buckets: [...bounds] });
  }

  tally(labels: Record<T, string | number>): { observe(seconds: number): void } {
    const key = JSON.stringify(Object.entries(labels).sort());
    let tally = this.tallies.get(key);
    if (!tally) {
      tally = { labels, buckets: new Float64Array(this.bounds.length), count: 0, sum: 0 };
      this.tallies.set(key, tally);
      // Listed when read even before its first observation, as a labelled child of prom-client's is once observed.
      this.zero(labels);
    }
    const { bounds } = this;
    const counted = tally;
    return {
      observe(seconds: number): void {
        counted.count++;
        counted.sum += seconds;
        for (let index = 0; index < bounds.length; index++) {
          if (seconds <= bounds[index]) {
            counted.buckets[index]++;
            return;
          }
        }
      },
    };
  }

  /**
   * What the registry reads of a histogram (prom-client's `getForPromString`, untyped; `get()` returns it with the
   * child's labels merged in), with the tallies added: bucket values are cumulative, each labelled with its bound.
   */
  async getForPromString(): Promise<ReportedHistogram> {
    const promClientReport = (Histogram.prototype as unknown as { getForPromString(): Promise<ReportedHistogram> })
      .getForPromString;
    const data = await promClientReport.call(this);
    for (const tally of this.tallies.values()) {
      if (tally.count === 0) continue;
      const cumulative = new Map<string, number>();
      let below = 0;
      this.bounds.forEach((bound, index) => cumulative.set(String(bound), (below += tally.buckets[index])));
      cumulative.set('+Inf', tally.count);
      for (const value of data.values) {
        if (!sameLabels(value.sharedLabels ?? {}, tally.labels)) continue;
        if (value.metricName?.endsWith('_bucket')) value.value += cumulative.get(String(value.labels.le)) ?? 0;
        else if (value.metricName?.endsWith('_sum')) value.value += tally.sum;
        else if (value.metricName?.endsWith('_count')) value.value += tally.count;
      }
    }
    return data;
  }

  override reset(): void {
    super.reset();
    // prom-client's constructor resets too, before this class's fields exist.
    for (const tally of this.tallies?.values() ?? []) {
      tally.buckets.fill(0);
      tally.count = 0;
      tally.sum = 0;
      this.zero(tally.labels as Record<T, string | number>);
    }
  }
}

/** A histogram's values as prom-client's registry reads them: a child's labels apart from the bucket's bound. */
interface ReportedHistogram {
  values: {
    labels: Record<string, string | number>;
    sharedLabels?: Record<string, string | number>;
    value: number;
    metricName?: string;
  }[];
}

/** Whether a reported child's labels are the tally's. */
function sameLabels(reported: Record<string, string | number>, labels: Record<string, string | number>): boolean {
  const names = Object.keys(labels);
  if (Object.keys(reported).length !== names.length) return false;
  return names.every((name) => String(reported[name]) === String(labels[name]));
}

/** How long a scrape waits for the gauges measured at scrape time. */
const SCRAPE_REFRESH_MS = 2_000;

/**
 * The Prometheus metrics of one application instance (its own registry, so several instances can live in
 * one process, as in tests). Modules record into the metrics defined here; `GET /metrics` renders them.
 */
@Injectable()
export class MetricsService implements OnModuleDestroy {
  readonly registry = new Registry();
  private readonly eventLoopDelays = monitorEventLoopDelay({ resolution: EVENT_LOOP_RESOLUTION_MS });

  readonly httpRequests = new Counter({
    name: 'linktrace_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
    collect: addTallies,
  });

  readonly httpDuration = new TalliedHistogram(
    [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    {
      name: 'linktrace_http_request_duration_seconds',
      help: 'Time to answer HTTP requests, by method and route pattern',
      labelNames: ['method', 'route'] as const,
      registers: [this.registry],
    },
  );

  readonly rateLimitRejections = new Counter({
    name: 'linktrace_rate_limit_rejections_total',
    help: 'Requests refused with 429 by the per-key / per-user rate limit',
    registers: [this.registry],
  });

  readonly redirectCacheLookups = new Counter({
    name: 'linktrace_redirect_cache_lookups_total',
    help: 'Redirect link cache lookups, by result (hit or miss)',
    labelNames: ['result'] as const,
    registers: [this.registry],
    collect: addTallies,
  });

  readonly clicksWritten = new Counter({
    name: 'linktrace_clicks_written_total',
    help: 'Click events stored in the database',
    registers: [this.registry],
  });

  readonly clicksDropped = new Counter({
    name: 'linktrace_clicks_dropped_total',
    help: 'Click events dropped, by reason (buffer full, write failed, unreadable stream entry, unusable: enrichment failed)',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  readonly redirectsHeld = new Counter({
    name: 'linktrace_redirects_held_total',
    help: 'Redirects held until the click buffer had room (back-pressure from a click writer slower than the traffic)',
    registers: [this.registry],
  });

  readonly analyticsLag = new Gauge({
    name: 'linktrace_analytics_lag_seconds',
    help: "How far this instance's analytics store may trail the clicks in the database: seconds since its last complete catch-up",
    registers: [this.registry],
  });

  readonly clickQueueDepth = new Gauge({
    name: 'linktrace_click_queue_depth',
    help: 'Click events waiting in this instance to be written',
    registers: [this.registry],
  });

  readonly clicksStreamed = new Counter({
    name: 'linktrace_clicks_streamed_total',
    help: 'Click events this instance handed to the Redis click stream (acknowledged: they survive this instance)',
    registers: [this.registry],
  });

  readonly clickStreamBacklog = new Gauge({
    name: 'linktrace_click_stream_backlog',
    help: 'Click batches in the Redis stream not yet written to the database (all instances), at the last check',
    registers: [this.registry],
  });

  readonly clickStreamPending = new Gauge({
    name: 'linktrace_click_stream_pending',
    help: 'Click batches delivered to a consumer and not yet acknowledged (all instances), at the last check',
    registers: [this.registry],
  });

  readonly webhookDeliveries = new Counter({
    name: 'linktrace_webhook_deliveries_total',
    help: 'Webhook delivery attempts, by result (delivered, retrying, failed, gone: 410 disabled the webhook)',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  readonly webhookDeliveryThreadRestarts = new Counter({
    name: 'linktrace_webhook_delivery_thread_restarts_total',
    help: 'Times the webhook delivery thread died and was started again',
    registers: [this.registry],
  });

  readonly webhookQueueDepth = new Gauge({
    name: 'linktrace_webhook_queue_depth',
    help: 'Webhook deliveries pending (all instances, enabled webhooks)',
    registers: [this.registry],
  });

  readonly webhookOldestDueSeconds = new Gauge({
    name: 'linktrace_webhook_oldest_due_age_seconds',
    help: 'How long the longest-waiting due webhook delivery has been due (0 when none)',
    registers: [this.registry],
  });

  /**
   * How late the event loop ran a timer (what every request waiting then waited on top of its own work), as
   * quantiles of the samples since the previous scrape, which resets them (as prom-client's own lag gauges do).
   */
  readonly eventLoopDelay = new Gauge({
    name: 'linktrace_event_loop_delay_seconds',
    help: 'Event-loop delay since the previous scrape (perf_hooks.monitorEventLoopDelay, 1 ms resolution), by quantile (1: the maximum)',
    labelNames: ['quantile'] as const,
    registers: [this.registry],
    collect: () => this.collectEventLoopDelay(),
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'linktrace_' });
    this.eventLoopDelays.enable();
  }

  /**
   * A child of httpRequests or redirectCacheLookups for a hot path: its `inc()` adds 1 to a number, which the
   * counter takes in when it is read.
   */
  tally<T extends string>(counter: Counter<T>, labels: Partial<Record<T, string | number>>): { inc(): void } {
    if (counter !== this.httpRequests && counter !== this.redirectCacheLookups)
      throw new Error('This counter takes no tallies: it has no collect hook to add them');
    const tally: Tally = { counted: 0, child: counter.labels(labels) };
    let counterTallies = tallies.get(counter as Counter);
    if (!counterTallies) tallies.set(counter as Counter, (counterTallies = []));
    counterTallies.push(tally);
    return {
      inc: () => {
        tally.counted++;
      },
    };
  }

  onModuleDestroy(): void {
    this.eventLoopDelays.disable();
  }

  /** Gauges of shared state that are measured when scraped, not by a job that may itself be stuck. */
  private readonly scrapeRefreshers: (() => Promise<void>)[] = [];

  onScrape(refresh: () => Promise<void>): void {
    this.scrapeRefreshers.push(refresh);
  }

  async render(): Promise<string> {
    // A refresher that fails, or has not answered within SCRAPE_REFRESH_MS (a database down), leaves its gauges at
    // their last values: the other metrics are answered anyway. It logs its failures itself.
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, SCRAPE_REFRESH_MS)));
    await Promise.race([Promise.allSettled(this.scrapeRefreshers.map((refresh) => refresh())), deadline]);
    clearTimeout(timer);
    return this.registry.metrics();
  }

  private collectEventLoopDelay(): void {
    const histogram = this.eventLoopDelays;
    // A sample is the time between two runs of the timer: its resolution is the expected part, not delay.
    const delay = (nanoseconds: number) =>
      histogram.count === 0 ? 0 : Math.max(0, nanoseconds / 1e6 - EVENT_LOOP_RESOLUTION_MS) / 1e3;
    this.eventLoopDelay.set({ quantile: '0.5' }, delay(histogram.percentile(50)));
    this.eventLoopDelay.set({ quantile: '0.99' }, delay(histogram.percentile(99)));
    this.eventLoopDelay.set({ quantile: '1' }, delay(histogram.max));
    histogram.reset();
  }
}
