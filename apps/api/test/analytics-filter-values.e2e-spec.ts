import { newId } from '@app/common';
import { AnalyticsProjection } from '../src/analytics/store/analytics-projection';
import type { ClickEvent } from '../src/clicks/click-event';
import { ClicksRepository } from '../src/clicks/clicks.repository';
import { bearer, createKey, setPlan, signUp } from '../../../test/helpers/fixtures';
import { insertLink, TEST_SHORT_DOMAIN } from '../../../test/helpers/links';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';

/**
 * Filter values reach the analytics store's SQL as quoted literals (so DuckDB can prune by them): whatever a
 * caller puts in a filter is a value to compare, never SQL, and an unstorable one is a 400.
 */
describe('Analytics filter values are data, not SQL', () => {
  let t: TestApp;
  let key: string;

  const overview = (query: string) => t.http().get(`/api/v1/analytics/overview?range=7d&${query}`).set(bearer(key));

  beforeAll(async () => {
    t = await startTestApp({ SHORT_DOMAIN: TEST_SHORT_DOMAIN });
    const owner = await signUp(t);
    await setPlan(t, owner.workspaceId, 'agency');
    key = (await createKey(owner, { scopes: ['analytics:read'] })).key;
    const link = await insertLink(t, { workspaceId: owner.workspaceId, slug: 'quoted', url: 'https://example.com/' });
    const click = (country: string, utmSource: string | null, region: string | null = null): ClickEvent => ({
      id: newId('click'),
      workspaceId: owner.workspaceId,
      linkId: link.id,
      domain: TEST_SHORT_DOMAIN,
      url: 'https://example.com/',
      time: new Date(Date.now() - 3_600_000),
      visitorHash: newId('click'),
      country,
      region,
      city: region && "L'Isle-sur-la-Sorgue",
      device: 'desktop',
      browser: 'Firefox',
      os: 'Linux',
      userAgent: null,
      referrer: null,
      referrerDomain: null,
      utmSource,
      utmMedium: null,
      utmCampaign: null,
      utmTerm: null,
      utmContent: null,
      isBot: false,
    });
    await t.app
      .get(ClicksRepository)
      .writeBatch([click('FR', "o'brien", "Provence-Alpes-Côte d'Azur"), click('DE', null), click('DE', 'x')]);
    await t.app.get(AnalyticsProjection).catchUp();
  });

  afterAll(() => t?.close());

  it('counts what a plain filter selects', async () => {
    expect((await overview('country=FR')).body.clicks).toBe(1);
    expect((await overview('country=-FR')).body.clicks).toBe(2);
  });

  it.each([
    ["x') OR ('1'='1", 0],
    ["FR' OR '1'='1", 0],
    ["x' OR country IS NOT NULL OR '", 0],
    ['x\\', 0],
  ])('an include value %p matches nothing', async (value, clicks) => {
    const response = await overview(`country=${encodeURIComponent(value)}`);
    expect(response.status).toBe(200);
    expect(response.body.clicks).toBe(clicks);
  });

  it.each([
    ['region', "FR|x') OR ('1'='1"],
    ['region', "FR|' OR region IS NULL OR '"],
    ['city', "FR||x' OR '1'='1"],
    ['city', 'FR||x\\'],
  ])('a %s value %p matches nothing, and excluded excludes nothing', async (filter, value) => {
    const included = await overview(`${filter}=${encodeURIComponent(value)}`);
    expect([included.status, included.body.clicks]).toEqual([200, 0]);
    const excluded = await overview(`${filter}=${encodeURIComponent(`-${value}`)}`);
    expect([excluded.status, excluded.body.clicks]).toEqual([200, 3]);
  });

  it('an exclusion made of quotes excludes only itself', async () => {
    const response = await overview(`country=${encodeURIComponent("-x') AND ('1'='0")}`);
    expect(response.status).toBe(200);
    expect(response.body.clicks).toBe(3);
  });

  it('a value with a quote matches the stored value with that quote', async () => {
    expect((await overview(`utm_source=${encodeURIComponent("o'brien")}`)).body.clicks).toBe(1);
    expect((await overview(`utm_source=${encodeURIComponent("-o'brien")}`)).body.clicks).toBe(2);
  });

  it.each([
    ['region', "FR|Provence-Alpes-Côte d'Azur"],
    ['city', "FR|Provence-Alpes-Côte d'Azur|L'Isle-sur-la-Sorgue"],
  ])('a %s with a quote matches the stored place with that quote', async (filter, value) => {
    expect((await overview(`${filter}=${encodeURIComponent(value)}`)).body.clicks).toBe(1);
    expect((await overview(`${filter}=${encodeURIComponent(`-${value}`)}`)).body.clicks).toBe(2);
  });

  it('a NUL character is refused with 400 validation_failed', async () => {
    const response = await overview('country=F%00R');
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('validation_failed');
  });
});
