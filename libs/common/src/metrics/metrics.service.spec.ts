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
