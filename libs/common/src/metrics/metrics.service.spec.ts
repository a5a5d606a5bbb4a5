import { Histogram, Registry } from 'prom-client';
import { MetricsService } from './metrics.service';

describe('MetricsService tallies', () => {
  let metrics: MetricsService;
  beforeEach(() => (metrics = new MetricsService()));
  afterEach(() => metrics.onModuleDestroy());

  it('adds what a tally counted to its counter when scraped, once', async () => {
    const redirects = metrics.tally(metrics.httpRequests, { method: 'GET', route: '/:slug', status: 302 });
    for (let count = 0; count < 3; count++) redirects.inc();
    expect(await metrics.render()).toContain(
      'linktrace_http_requests_total{method="GET",route="/:slug",status="302"} 3',
    );
    redirects.inc();
    expect(await metrics.render()).toContain(
      'linktrace_http_requests_total{method="GET",route="/:slug",status="302"} 4',
    );
  });

  it("adds it when the counter is read directly, beside the counter's own increments", async () => {
    const hits = metrics.tally(metrics.redirectCacheLookups, { result: 'hit' });
    hits.inc();
    hits.inc();
    metrics.redirectCacheLookups.inc({ result: 'hit' });
    const { values } = await metrics.redirectCacheLookups.get();
    expect(values).toEqual([{ value: 3, labels: { result: 'hit' } }]);
  });

  it('refuses a counter that does not take tallies in', () => {
    expect(() => metrics.tally(metrics.redirectsHeld, {})).toThrow(/no collect hook/);
  });
});

describe('MetricsService duration histogram tallies', () => {
  const durations = [0.0001, 0.0005, 0.0007, 0.002, 0.004, 0.3, 2.5, 7];

  /** The same observations made through prom-client's own labelled child. */
  async function asPromClientReports(observations: [string, number][]): Promise<string> {
    const registry = new Registry();
    const histogram = new Histogram({
      name: 'linktrace_http_request_duration_seconds',
      help: 'Time to answer HTTP requests, by method and route pattern',
      labelNames: ['method', 'route'],
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
    for (const [route, seconds] of observations) histogram.labels({ method: 'GET', route }).observe(seconds);
    return registry.getSingleMetricAsString('linktrace_http_request_duration_seconds');
  }

  it('reports what prom-client would have, read twice, for several children', async () => {
    const metrics = new MetricsService();
    try {
      const observations: [string, number][] = durations.flatMap((seconds) => [
        ['/:slug', seconds],
        ['/api/links', seconds * 2],
      ]);
      for (const [route, seconds] of observations)
        metrics.httpDuration.tally({ method: 'GET', route }).observe(seconds);
      const expected = await asPromClientReports(observations);
      const reported = () => metrics.registry.getSingleMetricAsString('linktrace_http_request_duration_seconds');
      expect(await reported()).toBe(expected);
      expect(await reported()).toBe(expected);
    } finally {
      metrics.onModuleDestroy();
    }
  });

  it('starts again from zero when the registry is reset', async () => {
    const metrics = new MetricsService();
    try {
      const redirects = metrics.httpDuration.tally({ method: 'GET', route: '/:slug' });
      redirects.observe(0.003);
      metrics.registry.resetMetrics();
      redirects.observe(0.0004);
      expect(await metrics.registry.getSingleMetricAsString('linktrace_http_request_duration_seconds')).toBe(
        await asPromClientReports([['/:slug', 0.0004]]),
      );
    } finally {
      metrics.onModuleDestroy();
    }
  });
});
