import { newId } from '@app/common';
import type { ClickEvent } from '../src/clicks/click-event';
import { ClickRecorder } from '../src/clicks/click-recorder.service';
import { ClicksRepository } from '../src/clicks/clicks.repository';
import type { AuthContext } from '@app/auth';
import { AnalyticsRepository } from '../src/analytics/analytics.repository';
import { RealtimeRepository } from '../src/analytics/realtime.repository';
import { ANALYTICS_STORE, type AnalyticsStore } from '../src/analytics/analytics-store';
import { AnalyticsService } from '../src/analytics/analytics.service';
import { AnalyticsProjection } from '../src/analytics/store/analytics-projection';
import { RawAnalyticsScan } from '../../../test/helpers/raw-analytics-scan';
import { bearer, createKey, setPlan, signUp, SignedUpUser } from '../../../test/helpers/fixtures';
import { clickEvent } from '../../../test/helpers/click-events';
import { insertLink, InsertedLink, TEST_SHORT_DOMAIN } from '../../../test/helpers/links';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const DESKTOP =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
const BRITISH_IP = '81.2.69.142';
/** The fixture's days: Paris leaves summer time on 2026-10-25 at 01:00 UTC (UTC+2 → UTC+1). */
/** A/B test variants of link one (clicks carry their variant's URL). */
const VARIANT_A = 'https://example.com/1-a';
const VARIANT_B = 'https://example.com/1-b';
const FULL = { start: '2026-10-24T00:00:00Z', end: '2026-10-27T00:00:00Z' };

type Metrics = { clicks: number; uniqueVisitors: number; leads?: number; sales?: number };

describe('Analytics', () => {
  let t: TestApp;
  let owner: SignedUpUser;
  let key: string;
  let other: SignedUpUser;
  let otherKey: string;
  let l1: InsertedLink;
  let l2: InsertedLink;
  let l3: InsertedLink;
  let otherLink: InsertedLink;
  let folder: string;
  let tag1: string;
  let tag2: string;
  let otherFolder: string;

  async function get(path: string, query: Record<string, string | number | boolean>, apiKey = key) {
    return t.http().get(`/api/v1/analytics/${path}`).query(query).set(bearer(apiKey));
  }

  async function ok(path: string, query: Record<string, string | number | boolean>, apiKey = key) {
    const response = await get(path, query, apiKey);
    expect({ status: response.status, body: response.status === 200 ? undefined : response.body }).toEqual({
      status: 200,
      body: undefined,
    });
    return response.body;
  }

  /** Rows as value → [clicks, uniqueVisitors], order-insensitive. */
  function byValue(rows: ({ value: string } & Metrics)[]): Record<string, [number, number]> {
    return Object.fromEntries(rows.map((row) => [row.value, [row.clicks, row.uniqueVisitors]]));
  }

  async function totals(query: Record<string, string | boolean>): Promise<[number, number]> {
    const body = await ok('overview', { ...FULL, ...query });
    return [body.clicks, body.uniqueVisitors];
  }

  function click(
    fields: Partial<Omit<ClickEvent, 'time'>> & { time: string; linkId: string; visitorHash: string },
  ): ClickEvent {
    return clickEvent({ workspaceId: owner.workspaceId, ...fields, time: new Date(fields.time) });
  }

  beforeAll(async () => {
    t = await startTestApp({ SHORT_DOMAIN: TEST_SHORT_DOMAIN, TRUST_PROXY: 'true' });
    owner = await signUp(t);
    await setPlan(t, owner.workspaceId, 'starter');
    key = (await createKey(owner, { scopes: ['analytics'] })).key;
    other = await signUp(t);
    await setPlan(t, other.workspaceId, 'starter');
    otherKey = (await createKey(other, { scopes: ['analytics'] })).key;

    folder = newId('folder');
    otherFolder = newId('folder');
    tag1 = newId('tag');
    tag2 = newId('tag');
    await t.dataSource.query(
      `INSERT INTO link_folders (id, workspace_id, name) VALUES ($1, $2, 'Campaigns'), ($3, $4, 'Theirs')`,
      [folder, owner.workspaceId, otherFolder, other.workspaceId],
    );
    await t.dataSource.query(
      `INSERT INTO link_tags (id, workspace_id, name) VALUES ($1, $3, 'promo'), ($2, $3, 'social')`,
      [tag1, tag2, owner.workspaceId],
    );
    l1 = await insertLink(t, { workspaceId: owner.workspaceId, slug: 'one', url: 'https://example.com/1' });
    l2 = await insertLink(t, { workspaceId: owner.workspaceId, slug: 'two', url: 'https://example.com/2' });
    l3 = await insertLink(t, {
      workspaceId: owner.workspaceId,
      slug: 'three',
      url: 'https://example.com/3',
      domain: 'other.test',
    });
    otherLink = await insertLink(t, { workspaceId: other.workspaceId, slug: 'theirs', url: 'https://example.com/x' });
    await t.dataSource.query(`UPDATE links SET folder_id = $1 WHERE id = ANY($2)`, [folder, [l1.id, l3.id]]);
    await t.dataSource.query(`INSERT INTO link_tag_assignments (link_id, tag_id) VALUES ($1, $3), ($2, $3), ($2, $4)`, [
      l1.id,
      l2.id,
      tag1,
      tag2,
    ]);

    const us = {
      country: 'US',
      region: 'CA',
      city: 'San Francisco',
      device: 'desktop' as const,
      browser: 'Chrome',
      os: 'Windows',
    };
    const google = {
      referrer: 'https://www.google.com/search?q=x',
      referrerDomain: 'google.com',
      utmSource: 'newsletter',
      utmMedium: 'email',
    };
    const de = { country: 'DE', region: 'BE', city: 'Berlin', device: 'mobile' as const, browser: 'Safari', os: 'iOS' };
    // Written by the real writer, in two batches (the second continues the first's days).
    await t.app.get(ClicksRepository).writeBatch([
      click({
        time: '2026-10-24T21:30:00Z',
        linkId: l1.id,
        visitorHash: 'v1-day24',
        ...us,
        ...google,
        variant: VARIANT_A,
      }),
      click({
        time: '2026-10-24T22:15:00Z',
        linkId: l1.id,
        visitorHash: 'v1-day24',
        ...us,
        ...google,
        variant: VARIANT_A,
      }),
      click({
        time: '2026-10-25T00:30:00Z',
        linkId: l2.id,
        visitorHash: 'v2-day25',
        ...de,
        utmSource: 'twitter',
        utmCampaign: 'launch',
      }),
    ]);
    await t.app.get(ClicksRepository).writeBatch([
      click({
        time: '2026-10-25T02:00:00Z',
        linkId: l1.id,
        visitorHash: 'v1-day25',
        ...us,
        ...google,
        variant: VARIANT_B,
      }),
      click({
        time: '2026-10-25T23:30:00Z',
        linkId: l3.id,
        domain: 'other.test',
        visitorHash: 'v3-day25',
        country: 'FR',
        region: 'IDF',
        city: 'Paris',
        browser: 'Firefox',
        os: 'Linux',
        referrer: 'https://news.ycombinator.com/item?id=1',
        referrerDomain: 'news.ycombinator.com',
        utmTerm: 'shoes',
      }),
      click({
        time: '2026-10-25T10:00:00Z',
        linkId: l2.id,
        visitorHash: 'bot',
        country: 'US',
        device: 'bot',
        browser: 'Googlebot',
        isBot: true,
      }),
      click({ time: '2026-10-25T12:00:00Z', linkId: l2.id, visitorHash: 'v2-day25', ...de, utmCampaign: 'launch' }),
      click({
        time: '2026-10-25T12:00:00Z',
        linkId: l3.id,
        domain: 'other.test',
        visitorHash: 'v2-day25',
        ...de,
        utmContent: 'banner',
      }),
      click({
        time: '2026-10-25T12:00:00Z',
        linkId: otherLink.id,
        workspaceId: other.workspaceId,
        visitorHash: 'w2',
        ...us,
      }),
      click({
        time: '2026-10-25T13:00:00Z',
        linkId: otherLink.id,
        workspaceId: other.workspaceId,
        visitorHash: 'w2',
        ...us,
      }),
    ]);
  });
  afterAll(() => t?.close());

  it('overview: totals of the window, bots apart, and the previous period', async () => {
    const body = await ok('overview', FULL);
    expect(body).toEqual({
      start: '2026-10-24T00:00:00.000Z',
      end: '2026-10-27T00:00:00.000Z',
      warnings: [],
      clicks: 7,
      uniqueVisitors: 5,
      leads: 0,
      sales: 0,
      revenue: [],
      previous: {
        start: '2026-10-21T00:00:00.000Z',
        end: '2026-10-24T00:00:00.000Z',
        clicks: 0,
        uniqueVisitors: 0,
        leads: 0,
        sales: 0,
        revenue: [],
      },
    });
    expect(await totals({ includeBots: true })).toEqual([8, 5]);
    const next = await ok('overview', { start: '2026-10-25T00:00:00Z', end: '2026-10-26T00:00:00Z' });
    expect([next.clicks, next.uniqueVisitors, next.previous.clicks, next.previous.uniqueVisitors]).toEqual([
      5, 4, 2, 1,
    ]);
    // The other workspace sees only its own two clicks.
    expect((await ok('overview', FULL, otherKey)).clicks).toBe(2);
  });

  it('widens start and end to whole hours', async () => {
    const body = await ok('overview', { start: '2026-10-24T22:10:00Z', end: '2026-10-25T00:20:00Z' });
    expect(body).toMatchObject({
      start: '2026-10-24T22:00:00.000Z',
      end: '2026-10-25T01:00:00.000Z',
      clicks: 2,
      uniqueVisitors: 1,
    });
  });

  it('chart: day buckets cut at midnight in the time zone, across the DST change, empty ones included', async () => {
    const utc = await ok('chart', { ...FULL, interval: 'day' });
    expect(utc).toMatchObject({ interval: 'day', timezone: 'UTC', warnings: [] });
    expect(
      utc.data.map((bucket: { start: string } & Metrics) => [bucket.start, bucket.clicks, bucket.uniqueVisitors]),
    ).toEqual([
      ['2026-10-24T00:00:00Z', 2, 1],
      ['2026-10-25T00:00:00Z', 5, 4],
      ['2026-10-26T00:00:00Z', 0, 0],
    ]);
    expect(utc.data[2]).toEqual({
      start: '2026-10-26T00:00:00Z',
      clicks: 0,
      uniqueVisitors: 0,
      leads: 0,
      sales: 0,
      revenue: [],
    });

    // Paris: 24 Oct starts at 22:00Z the day before (UTC+2); 25 Oct lasts 25 hours; 26 Oct starts at 23:00Z (UTC+1).
    const paris = await ok('chart', { ...FULL, interval: 'day', timezone: 'Europe/Paris' });
    expect(
      paris.data.map((bucket: { start: string } & Metrics) => [bucket.start, bucket.clicks, bucket.uniqueVisitors]),
    ).toEqual([
      ['2026-10-23T22:00:00Z', 1, 1],
      ['2026-10-24T22:00:00Z', 5, 3],
      ['2026-10-25T23:00:00Z', 1, 1],
      ['2026-10-26T23:00:00Z', 0, 0],
    ]);

    const newYork = await ok('chart', { ...FULL, interval: 'day', timezone: 'America/New_York' });
    expect(
      newYork.data.map((bucket: { start: string } & Metrics) => [bucket.start, bucket.clicks, bucket.uniqueVisitors]),
    ).toEqual([
      ['2026-10-23T04:00:00Z', 0, 0],
      ['2026-10-24T04:00:00Z', 4, 3],
      ['2026-10-25T04:00:00Z', 3, 2],
      ['2026-10-26T04:00:00Z', 0, 0],
    ]);
  });

  it('chart: hour, week and month buckets', async () => {
    const hours = await ok('chart', {
      start: '2026-10-25T00:00:00Z',
      end: '2026-10-25T03:00:00Z',
      interval: 'hour',
      timezone: 'Europe/Paris',
    });
    expect(hours.data.map((bucket: { start: string } & Metrics) => [bucket.start, bucket.clicks])).toEqual([
      ['2026-10-25T00:00:00Z', 1],
      ['2026-10-25T01:00:00Z', 0],
      ['2026-10-25T02:00:00Z', 1],
    ]);
    const weeks = await ok('chart', { ...FULL, interval: 'week' });
    expect(weeks.data.map((bucket: { start: string } & Metrics) => [bucket.start, bucket.clicks])).toEqual([
      ['2026-10-19T00:00:00Z', 7],
      ['2026-10-26T00:00:00Z', 0],
    ]);
    const months = await ok('chart', { ...FULL, interval: 'month', timezone: 'Europe/Paris', includeBots: true });
    expect(months.data.map((bucket: { start: string } & Metrics) => [bucket.start, bucket.clicks])).toEqual([
      ['2026-09-30T22:00:00Z', 8],
    ]);
    const filtered = await ok('chart', { ...FULL, interval: 'day', country: 'DE' });
    expect(filtered.data.map((bucket: Metrics) => bucket.clicks)).toEqual([0, 3, 0]);
    const excluded = await ok('chart', { ...FULL, interval: 'day', country: '-DE' });
    expect(excluded.data.map((bucket: Metrics) => [bucket.clicks, bucket.uniqueVisitors])).toEqual([
      [2, 1],
      [2, 2],
      [0, 0],
    ]);
    const twoFilters = await ok('chart', { ...FULL, interval: 'day', country: '-DE', device: 'desktop' });
    expect(twoFilters.data.map((bucket: Metrics) => [bucket.clicks, bucket.uniqueVisitors])).toEqual([
      [2, 1],
      [2, 2],
      [0, 0],
    ]);
    const linkChart = await ok('chart', { ...FULL, interval: 'day', linkId: l1.id });
    expect(linkChart.data.map((bucket: Metrics) => [bucket.clicks, bucket.uniqueVisitors])).toEqual([
      [2, 1],
      [1, 1],
      [0, 0],
    ]);
  });

  it('filters by region and city, named as their report rows are', async () => {
    expect(await totals({ region: 'US|CA' })).toEqual([3, 2]);
    expect(await totals({ region: 'US|CA,FR|IDF' })).toEqual([4, 3]);
    expect(await totals({ region: '-DE|BE' })).toEqual([4, 3]);
    // A region's name alone, or another country's, is not the region.
    expect(await totals({ region: 'CA' })).toEqual([0, 0]);
    expect(await totals({ region: 'FR|CA' })).toEqual([0, 0]);
    expect(await totals({ city: 'DE|BE|Berlin' })).toEqual([3, 2]);
    expect(await totals({ city: '-US|CA|San Francisco,-FR|IDF|Paris' })).toEqual([3, 2]);
    const byCity = await ok('report', { ...FULL, groupBy: 'city', region: '-DE|BE' });
    expect(byValue(byCity.data)).toEqual({ 'US|CA|San Francisco': [3, 2], 'FR|IDF|Paris': [1, 1] });
    const malformed = await get('overview', { ...FULL, city: 'DE|BE|Berlin,,US|CA|San Francisco' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([
      {
        field: 'city',
        message: 'city must be a comma-separated list of values, each optionally prefixed with - to exclude it',
      },
    ]);
  });

  it('report: every groupBy', async () => {
    const expected: Record<string, Record<string, [number, number]>> = {
      link: { [l1.id]: [3, 2], [l2.id]: [2, 1], [l3.id]: [2, 2] },
      domain: { [TEST_SHORT_DOMAIN]: [5, 3], 'other.test': [2, 2] },
      folder: { [folder]: [5, 4], '(none)': [2, 1] },
      tag: { [tag1]: [5, 3], [tag2]: [2, 1] },
      country: { US: [3, 2], DE: [3, 2], FR: [1, 1] },
      region: { 'US|CA': [3, 2], 'DE|BE': [3, 2], 'FR|IDF': [1, 1] },
      city: { 'US|CA|San Francisco': [3, 2], 'DE|BE|Berlin': [3, 2], 'FR|IDF|Paris': [1, 1] },
      device: { desktop: [4, 3], mobile: [3, 2] },
      browser: { Chrome: [3, 2], Safari: [3, 2], Firefox: [1, 1] },
      os: { Windows: [3, 2], iOS: [3, 2], Linux: [1, 1] },
      referrer: { 'google.com': [3, 2], '(direct)': [3, 2], 'news.ycombinator.com': [1, 1] },
      referrer_url: {
        'https://www.google.com/search': [3, 2],
        '(direct)': [3, 2],
        'https://news.ycombinator.com/item': [1, 1],
      },
      utm_source: { newsletter: [3, 2], twitter: [1, 1] },
      utm_medium: { email: [3, 2] },
      utm_campaign: { launch: [2, 1] },
      utm_term: { shoes: [1, 1] },
      utm_content: { banner: [1, 1] },
      variant: { [VARIANT_A]: [2, 1], [VARIANT_B]: [1, 1] },
    };
    for (const [groupBy, rows] of Object.entries(expected)) {
      const body = await ok('report', { ...FULL, groupBy });
      expect({ groupBy, rows: byValue(body.data) }).toEqual({ groupBy, rows });
      // The raw-event path (two filters that keep everything) agrees with the rollups.
      const viaRaw = await ok('report', { ...FULL, groupBy, country: '-XX', os: '-XX' });
      expect({ groupBy, rows: byValue(viaRaw.data) }).toEqual({ groupBy, rows });
    }
    const links = await ok('report', { ...FULL, groupBy: 'link', sort: 'clicks', order: 'desc', limit: 1 });
    expect(links.data).toEqual([
      {
        value: l1.id,
        label: `${TEST_SHORT_DOMAIN}/one`,
        clicks: 3,
        uniqueVisitors: 2,
        leads: 0,
        sales: 0,
        revenue: [],
      },
    ]);
    const ascending = await ok('report', { ...FULL, groupBy: 'device', order: 'asc' });
    expect(ascending.data.map((row: { value: string }) => row.value)).toEqual(['mobile', 'desktop']);
    const folders = await ok('report', { ...FULL, groupBy: 'folder' });
    expect(folders.data.find((row: { value: string }) => row.value === folder).label).toBe('Campaigns');
    const bots = await ok('report', { ...FULL, groupBy: 'device', includeBots: true });
    expect(byValue(bots.data)).toEqual({ desktop: [4, 3], mobile: [3, 2], bot: [1, 0] });
  });

  it('report: a window that does not start at midnight reads the edge hours exactly', async () => {
    const window = { start: '2026-10-24T22:00:00Z', end: '2026-10-26T00:00:00Z' };
    expect(byValue((await ok('report', { ...window, groupBy: 'country' })).data)).toEqual({
      US: [2, 1],
      DE: [3, 2],
      FR: [1, 1],
    });
    expect(byValue((await ok('report', { ...window, groupBy: 'link' })).data)).toEqual({
      [l1.id]: [2, 1],
      [l2.id]: [2, 1],
      [l3.id]: [2, 2],
    });
    // One link: whole days from its daily rollups, the edge hours from its raw events (e2 follows e1 the same
    // UTC day: not a new visitor).
    expect(byValue((await ok('report', { ...window, groupBy: 'country', linkId: l1.id })).data)).toEqual({
      US: [2, 1],
    });
    expect(await totals({ ...window, linkId: l1.id })).toEqual([2, 1]);
    expect(await totals({ ...window, folderId: folder })).toEqual([4, 3]);
  });

  it('every filter, and - exclusions', async () => {
    const cases: [Record<string, string>, [number, number]][] = [
      [{ linkId: l1.id }, [3, 2]],
      [{ linkId: `-${l1.id}` }, [4, 3]],
      [{ linkId: `${l1.id},${l3.id}` }, [5, 4]],
      [{ domain: 'other.test' }, [2, 2]],
      [{ domain: '-other.test' }, [5, 3]],
      [{ folderId: folder }, [5, 4]],
      [{ folderId: `-${folder}` }, [2, 1]],
      [{ tagId: tag2 }, [2, 1]],
      [{ tagId: `-${tag2}` }, [5, 4]],
      [{ country: 'US' }, [3, 2]],
      [{ country: '-US' }, [4, 3]],
      [{ country: 'US,FR' }, [4, 3]],
      [{ device: 'mobile' }, [3, 2]],
      [{ device: '-mobile' }, [4, 3]],
      [{ browser: 'Firefox' }, [1, 1]],
      [{ os: 'iOS' }, [3, 2]],
      [{ referrer: '(direct)' }, [3, 2]],
      [{ referrer: '-google.com' }, [4, 3]],
      [{ utm_source: 'newsletter' }, [3, 2]],
      [{ utm_source: '-newsletter' }, [4, 3]],
      [{ utm_medium: 'email' }, [3, 2]],
      [{ utm_campaign: 'launch' }, [2, 1]],
      [{ utm_term: 'shoes' }, [1, 1]],
      [{ utm_content: 'banner' }, [1, 1]],
      [{ variant: VARIANT_A }, [2, 1]],
      [{ variant: `-${VARIANT_A}` }, [5, 4]],
      [{ variant: `${VARIANT_A},${VARIANT_B}` }, [3, 2]],
      [{ country: 'DE', linkId: l3.id }, [1, 1]],
    ];
    for (const [filter, expected] of cases)
      expect({ filter, totals: await totals(filter) }).toEqual({ filter, totals: expected });
    expect(await totals({ country: 'US', includeBots: true })).toEqual([4, 2]);
    // `domain` is the short domain a click came through: a link moved to another domain leaves its clicks where they were.
    await t.dataSource.query(`UPDATE links SET domain = $1 WHERE id = $2`, [TEST_SHORT_DOMAIN, l3.id]);
    expect(await totals({ domain: 'other.test' })).toEqual([2, 2]);
    expect(await totals({ domain: `-${TEST_SHORT_DOMAIN}` })).toEqual([2, 2]);
    expect(byValue((await ok('report', { ...FULL, groupBy: 'domain' })).data)).toEqual({
      [TEST_SHORT_DOMAIN]: [5, 3],
      'other.test': [2, 2],
    });
    expect(byValue((await ok('report', { ...FULL, groupBy: 'link', domain: 'other.test' })).data)).toEqual({
      [l3.id]: [2, 2],
    });
    await t.dataSource.query(`UPDATE links SET domain = 'other.test' WHERE id = $1`, [l3.id]);
    // Across dimensions: browsers of the US clicks; countries of one link.
    expect(byValue((await ok('report', { ...FULL, groupBy: 'browser', country: 'US' })).data)).toEqual({
      Chrome: [3, 2],
    });
    expect(byValue((await ok('report', { ...FULL, groupBy: 'country', linkId: l3.id })).data)).toEqual({
      DE: [1, 1],
      FR: [1, 1],
    });
  });

  it('panels', async () => {
    const traffic = await ok('traffic_panel', FULL);
    expect(byValue(traffic.referrers)).toEqual({
      'google.com': [3, 2],
      '(direct)': [3, 2],
      'news.ycombinator.com': [1, 1],
    });
    expect(traffic.links[0]).toMatchObject({ value: l1.id, label: `${TEST_SHORT_DOMAIN}/one`, clicks: 3 });
    expect(byValue(traffic.variants)).toEqual({ [VARIANT_A]: [2, 1], [VARIANT_B]: [1, 1] });
    const acquisition = await ok('acquisition_panel', FULL);
    expect(byValue(acquisition.utm_source)).toEqual({ newsletter: [3, 2], twitter: [1, 1] });
    expect(byValue(acquisition.utm_content)).toEqual({ banner: [1, 1] });
    const geo = await ok('geo_panel', { ...FULL, limit: 2 });
    expect(geo.countries).toHaveLength(2);
    expect(byValue(geo.cities.slice(0, 2))).toEqual({ 'US|CA|San Francisco': [3, 2], 'DE|BE|Berlin': [3, 2] });
    const technology = await ok('technology_panel', { ...FULL, device: 'mobile' });
    expect({
      devices: byValue(technology.devices),
      browsers: byValue(technology.browsers),
      os: byValue(technology.os),
    }).toEqual({
      devices: { mobile: [3, 2] },
      browsers: { Safari: [3, 2] },
      os: { iOS: [3, 2] },
    });
  });

  it('refuses bad queries in the error format', async () => {
    const cases: [string, Record<string, string>, string][] = [
      ['chart', { timezone: 'Mars/Olympus' }, 'timezone'],
      ['chart', { timezone: '+01:00' }, 'timezone'],
      ['chart', { interval: 'minute' }, 'interval'],
      ['overview', { start: '2026-10-26T00:00:00Z', end: '2026-10-25T00:00:00Z' }, 'start'],
      ['report', { groupBy: 'planet' }, 'groupBy'],
      ['report', { limit: '0' }, 'limit'],
      ['overview', { range: '7d', start: '2026-10-25T00:00:00Z' }, 'range'],
      ['overview', { range: '2w' }, 'range'],
      ['overview', { country: 'US,,DE' }, 'country'],
      ['overview', { linkId: 'link_doesnotexist0000' }, 'linkId'],
      ['chart', { start: '2025-12-01T00:00:00Z', end: '2026-11-01T00:00:00Z', interval: 'hour' }, 'interval'],
    ];
    for (const [path, query, field] of cases) {
      const response = await get(path, query);
      expect({
        path,
        query,
        status: response.status,
        code: response.body.code,
        fields: response.body.errors?.map((error: { field: string }) => error.field),
      }).toEqual({
        path,
        query,
        status: 400,
        code: 'validation_failed',
        fields: [field],
      });
      expect(response.body.requestId).toBe(response.headers['x-request-id']);
    }
    const unknownField = await get('overview', { color: 'red' });
    expect(unknownField.status).toBe(400);
  });

  it('a filter on another workspace link, folder or tag is 403', async () => {
    for (const query of [
      { linkId: otherLink.id },
      { linkId: `-${otherLink.id}` },
      { folderId: otherFolder },
      { linkId: `${l1.id},${otherLink.id}` },
    ] as Record<string, string>[]) {
      const response = await get('overview', { ...FULL, ...query });
      expect({ query, status: response.status, body: response.body }).toMatchObject({
        query,
        status: 403,
        body: { code: 'forbidden', message: 'You do not have access to this resource' },
      });
    }
    const theirTag = await get('report', { ...FULL, tagId: tag1 }, otherKey);
    expect(theirTag.status).toBe(403);
  });

  it('scopes: analytics and analytics:read open every route; other scopes do not', async () => {
    const readKey = (await createKey(owner, { scopes: ['analytics:read'] })).key;
    const linksKey = (await createKey(owner, { scopes: ['links'] })).key;
    for (const path of [
      'overview',
      'report',
      'chart',
      'traffic_panel',
      'acquisition_panel',
      'geo_panel',
      'technology_panel',
    ]) {
      expect((await get(path, FULL, readKey)).status).toBe(200);
      const refused = await get(path, FULL, linksKey);
      expect({ path, status: refused.status, code: refused.body.code, message: refused.body.message }).toEqual({
        path,
        status: 403,
        code: 'insufficient_scope',
        message: 'Missing required scope: analytics:read',
      });
    }
    // A session works too.
    const session = await owner.agent
      .get('/api/v1/analytics/overview')
      .query(FULL)
      .set('X-Workspace-Id', owner.workspaceId);
    expect(session.status).toBe(200);
    expect(session.body.clicks).toBe(7);
  });

  it('plans: free gets the overview only, clamped to 30 days with a warning', async () => {
    const free = await signUp(t);
    const freeKey = (await createKey(free, { scopes: ['analytics'] })).key;
    const before = Math.floor((Date.now() - 30 * DAY_MS) / HOUR_MS) * HOUR_MS;
    const overview = await ok('overview', { range: '90d' }, freeKey);
    const after = Math.floor((Date.now() - 30 * DAY_MS) / HOUR_MS) * HOUR_MS;
    expect([before, after]).toContain(new Date(overview.start).getTime());
    expect(overview.warnings).toEqual([
      expect.stringMatching(
        /^The free plan keeps analytics for 30 days: the range starts at \d{4}-\d\d-\d\dT\d\d:00:00\.000Z instead of /,
      ),
    ]);
    expect(new Date(overview.previous.start).getTime()).toBe(new Date(overview.start).getTime());
    const inRange = await ok('overview', { range: '7d' }, freeKey);
    expect(inRange.warnings).toEqual([]);
    for (const path of ['report', 'chart', 'traffic_panel', 'acquisition_panel', 'geo_panel', 'technology_panel']) {
      const gated = await get(path, {}, freeKey);
      expect({ path, status: gated.status, body: gated.body }).toMatchObject({
        path,
        status: 403,
        body: {
          code: 'plan_upgrade_required',
          requiredPlan: 'starter',
          message: 'Advanced analytics requires the starter plan or above',
        },
      });
    }
    // The starter plan keeps a year: the fixture (October 2026) is inside it, a start two years back is clamped.
    const clamped = await ok('overview', { start: '2020-01-01T00:00:00Z', end: FULL.end });
    expect(clamped.warnings).toHaveLength(1);
    expect(clamped.clicks).toBe(7);
  });

  /** Every question of the equivalence spec, answered by the store and by the reference (a raw scan of PostgreSQL). */
  async function equivalenceQuestions() {
    const groups = [
      'link',
      'domain',
      'folder',
      'tag',
      'country',
      'region',
      'city',
      'device',
      'browser',
      'os',
      'referrer',
      'referrer_url',
      'utm_source',
      'utm_medium',
      'utm_campaign',
      'utm_term',
      'utm_content',
      'variant',
    ];
    const filters: Record<string, string>[] = [
      {},
      { country: 'US' },
      { country: '-US' },
      { country: 'US,FR' },
      { country: 'US,-US' },
      { device: 'mobile' },
      { browser: '-Chrome' },
      { referrer: '(direct)' },
      { referrer: '-google.com' },
      { domain: 'other.test' },
      { domain: `-${TEST_SHORT_DOMAIN}` },
      { utm_source: 'newsletter,twitter' },
      { utm_campaign: '-launch' },
      { utm_content: 'banner' },
      { variant: VARIANT_B },
      { variant: `-${VARIANT_A}` },
      { region: 'US|CA,FR|IDF' },
      { region: '-DE|BE' },
      { city: 'DE|BE|Berlin,-US|CA|San Francisco' },
      { folderId: folder },
      { folderId: `-${folder}` },
      { tagId: tag1 },
      { tagId: `-${tag2}` },
    ];
    // Whole days; windows starting and ending at odd hours (clicks in the hours left out); a longer window.
    const windows = [
      FULL,
      { start: '2026-10-24T22:00:00Z', end: '2026-10-26T05:00:00Z' },
      { start: '2026-10-11T00:00:00Z', end: '2026-10-25T23:00:00Z' },
    ];
    // ~2,800 requests: a key with room for them.
    const fastKey = (await createKey(owner, { scopes: ['analytics:read'], rateLimit: 100_000 })).key;
    type Rows = ({ value?: string; start?: string } & Metrics)[];
    const byKey = (rows: Rows) =>
      Object.fromEntries(rows.map((row) => [row.value ?? row.start, [row.clicks, row.uniqueVisitors]]));
    // A panel's lists (arrays) each by value: its lists read the edge hours' raw events in one shared scan.
    const figures = (
      body: { clicks?: number; uniqueVisitors?: number; data?: Rows } & Record<string, unknown>,
    ): unknown =>
      body.data
        ? byKey(body.data)
        : body.clicks === undefined
          ? Object.fromEntries(
              Object.entries(body)
                .filter(([, list]) => Array.isArray(list))
                .map(([name, list]) => [name, byKey(list as Rows)]),
            )
          : [body.clicks, body.uniqueVisitors];
    // The reference: the same service over a raw scan of PostgreSQL (RawAnalyticsScan), called with the same query.
    const reference = new AnalyticsService(
      new RawAnalyticsScan(t.dataSource),
      t.app.get(AnalyticsRepository),
      t.app.get(RealtimeRepository),
    ) as unknown as Record<string, (auth: AuthContext, query: object) => Promise<Record<string, unknown>>>;
    const methods: Record<string, string> = {
      report: 'report',
      overview: 'overview',
      chart: 'chart',
      traffic_panel: 'trafficPanel',
      acquisition_panel: 'acquisitionPanel',
      geo_panel: 'geoPanel',
      technology_panel: 'technologyPanel',
    };
    const auth = { workspaceId: owner.workspaceId, plan: 'starter' } as AuthContext;
    /** Every question, through the store (HTTP) and through the reference. */
    const answers = async (only = windows) => {
      const rows: Record<string, unknown>[] = [];
      for (const window of only) {
        for (const filter of filters) {
          const questions: [string, Record<string, string | boolean>][] = [
            ...groups.map((groupBy): [string, Record<string, string>] => ['report', { groupBy }]),
            ['overview', {}],
            ['chart', { interval: 'hour' }],
            ['chart', { interval: 'day', timezone: 'Europe/Paris' }],
            ['chart', { interval: 'week', timezone: 'Asia/Kolkata' }],
            ...['traffic_panel', 'acquisition_panel', 'geo_panel', 'technology_panel'].map(
              (panel): [string, Record<string, string>] => [panel, { limit: '100' }],
            ),
          ];
          for (const includeBots of [false, true]) {
            await Promise.all(
              questions.map(async ([path, extra]) => {
                const query = { ...window, ...filter, ...extra, includeBots };
                const [viaStore, viaRaw] = await Promise.all([
                  ok(path, query, fastKey),
                  reference[methods[path]](auth, {
                    ...query,
                    ...('limit' in extra ? { limit: Number(extra.limit) } : {}),
                  }),
                ]);
                rows.push({ path, query, figures: figures(viaStore), raw: figures(viaRaw) });
              }),
            );
          }
        }
      }
      return rows;
    };
    return answers;
  }

  it("equivalence: every groupBy, panel, overview and chart, under every filter, with and without bots, equals a raw scan of PostgreSQL's events", async () => {
    const answers = await equivalenceQuestions();
    const expectSame = async (only?: { start: string; end: string }[]) => {
      const rows = await answers(only);
      expect(rows.length).toBeGreaterThan(800);
      for (const row of rows)
        expect({ path: row.path, query: row.query, figures: row.figures }).toEqual({
          path: row.path,
          query: row.query,
          figures: row.raw,
        });
    };
    await expectSame();

    // Links moved to another folder or tagged anew take their history along, at once; a deleted link leaves
    // link-level answers and stays in workspace-wide ones.
    await t.dataSource.query(`UPDATE links SET folder_id = $1 WHERE id = $2`, [folder, l2.id]);
    await t.dataSource.query(`DELETE FROM link_tag_assignments WHERE link_id = $1 AND tag_id = $2`, [l2.id, tag2]);
    await t.dataSource.query(`INSERT INTO link_tag_assignments (link_id, tag_id) VALUES ($1, $2)`, [l3.id, tag2]);
    expect(await totals({ folderId: folder })).toEqual([7, 5]);
    expect(byValue((await ok('report', { ...FULL, groupBy: 'tag' })).data)).toEqual({ [tag1]: [5, 3], [tag2]: [2, 2] });
    const gone = await insertLink(t, { workspaceId: owner.workspaceId, slug: 'gone', url: 'https://example.com/g' });
    await t.app
      .get(ClicksRepository)
      .writeBatch([click({ time: '2026-10-24T10:00:00Z', linkId: gone.id, visitorHash: 'gone' })]);
    expect(await totals({})).toEqual([8, 6]);
    await t.dataSource.query(`DELETE FROM links WHERE id = $1`, [gone.id]);
    expect(await totals({})).toEqual([8, 6]);
    expect(byValue((await ok('report', { ...FULL, groupBy: 'link' })).data)[gone.id]).toBeUndefined();
    await expectSame([FULL]);

    await t.dataSource.query(`UPDATE links SET folder_id = NULL WHERE id = $1`, [l2.id]);
    await t.dataSource.query(`DELETE FROM link_tag_assignments WHERE link_id = $1 AND tag_id = $2`, [l3.id, tag2]);
    await t.dataSource.query(`INSERT INTO link_tag_assignments (link_id, tag_id) VALUES ($1, $2)`, [l2.id, tag2]);
    // ~3,700 requests and as many reference scans: ~1 min on PostgreSQL, 3 min on the embedded database, over
    // 5 min for it on two cores shared with other work (hence the generous limit).
  }, 900_000);

  it('retention: months older than the longest plan retention are dropped as partitions, and leave the analytics store', async () => {
    await t.dataSource.query(
      `CREATE TABLE click_events_2022_01 PARTITION OF click_events FOR VALUES FROM ('2022-01-01T00:00:00Z') TO ('2022-02-01T00:00:00Z')`,
    );
    const clicks = t.app.get(ClicksRepository);
    await clicks.writeBatch([
      click({ time: '2022-01-10T10:00:00Z', linkId: otherLink.id, workspaceId: other.workspaceId, visitorHash: 'old' }),
    ]);
    const count = async (sql: string) => Number((await t.dataSource.query(sql, [otherLink.id]))[0].count);
    expect(await count(`SELECT count(*) FROM click_events WHERE link_id = $1`)).toBe(3);

    // The store, asked directly (a plan keeps a year at most: the routes would clamp 2022 away).
    const store = t.app.get<AnalyticsStore>(ANALYTICS_STORE);
    const january = {
      workspaceId: other.workspaceId,
      start: new Date('2022-01-01T00:00:00Z'),
      end: new Date('2022-02-01T00:00:00Z'),
      linkFilters: {},
      dimensionFilters: {},
      includeBots: false,
    };
    expect((await store.totals(january)).clicks).toBe(1);
    expect(await clicks.dropBefore(new Date('2022-01-20T00:00:00Z'))).toEqual([]);
    expect(await clicks.dropBefore(new Date('2022-02-01T00:00:00Z'))).toEqual(['click_events_2022_01']);
    expect(await t.dataSource.query(`SELECT to_regclass('click_events_2022_01') AS name`)).toEqual([{ name: null }]);
    expect(await count(`SELECT count(*) FROM click_events WHERE link_id = $1`)).toBe(2);
    expect((await ok('overview', FULL, otherKey)).clicks).toBe(2);
    // The projection deletes a month PostgreSQL no longer holds on its next retention check.
    expect((await store.totals(january)).clicks).toBe(1);
    await t.app.get(AnalyticsProjection).catchUp({ retention: true });
    expect((await store.totals(january)).clicks).toBe(0);
  });

  it('attribution: click → lead → sale → revenue on the right link in the overview, report and conversions summary', async () => {
    const creator = await signUp(t);
    await setPlan(t, creator.workspaceId, 'creator');
    const creatorKey = (await createKey(creator, { scopes: ['analytics', 'conversions'] })).key;
    const tracked = await insertLink(t, {
      workspaceId: creator.workspaceId,
      slug: 'shop',
      url: 'https://shop.example.com/',
      trackConversion: true,
    });
    const plain = await insertLink(t, {
      workspaceId: creator.workspaceId,
      slug: 'plain',
      url: 'https://shop.example.com/',
    });
    const redirect = await t
      .http()
      .get('/shop')
      .set('Host', TEST_SHORT_DOMAIN)
      .set('User-Agent', DESKTOP)
      .set('X-Forwarded-For', BRITISH_IP)
      .expect(302);
    await t
      .http()
      .get('/plain')
      .set('Host', TEST_SHORT_DOMAIN)
      .set('User-Agent', DESKTOP)
      .set('X-Forwarded-For', BRITISH_IP)
      .expect(302);
    await t.app.get(ClickRecorder).flush();
    const clickId = new URL(redirect.headers.location).searchParams.get('lt_id');
    const track = (path: string, body: Record<string, unknown>) =>
      t.http().post(`/api/v1/track/${path}`).set(bearer(creatorKey)).send(body);
    await track('leads', { clickId, eventName: 'Sign up', customerExternalId: 'alice' }).expect(201);
    await track('sales', { customerExternalId: 'alice', amount: 4_999, currency: 'USD' }).expect(201);
    await track('sales', { customerExternalId: 'alice', amount: 1_000, currency: 'EUR' }).expect(201);
    await track('sales', { customerExternalId: 'alice', amount: 1, currency: 'USD' }).expect(201);

    const revenue = [
      { currency: 'USD', amount: 5_000 },
      { currency: 'EUR', amount: 1_000 },
    ];
    const overview = await ok('overview', { range: '24h' }, creatorKey);
    expect(overview).toMatchObject({ clicks: 2, uniqueVisitors: 2, leads: 1, sales: 3, revenue });
    const report = await ok('report', { range: '24h', groupBy: 'link', sort: 'sales' }, creatorKey);
    expect(report.data).toEqual([
      {
        value: tracked.id,
        label: `${TEST_SHORT_DOMAIN}/shop`,
        clicks: 1,
        uniqueVisitors: 1,
        leads: 1,
        sales: 3,
        revenue,
      },
      {
        value: plain.id,
        label: `${TEST_SHORT_DOMAIN}/plain`,
        clicks: 1,
        uniqueVisitors: 1,
        leads: 0,
        sales: 0,
        revenue: [],
      },
    ]);
    const byCountry = await ok('report', { range: '24h', groupBy: 'country' }, creatorKey);
    expect(byCountry.data).toEqual([
      { value: 'GB', label: null, clicks: 2, uniqueVisitors: 2, leads: 1, sales: 3, revenue },
    ]);
    // Conversions carry their click's short domain.
    const byDomain = await ok('report', { range: '24h', groupBy: 'domain' }, creatorKey);
    expect(byDomain.data).toEqual([
      { value: TEST_SHORT_DOMAIN, label: null, clicks: 2, uniqueVisitors: 2, leads: 1, sales: 3, revenue },
    ]);
    expect(await ok('overview', { range: '24h', domain: 'other.test' }, creatorKey)).toMatchObject({
      clicks: 0,
      leads: 0,
      sales: 0,
      revenue: [],
    });
    const onlyPlain = await ok('overview', { range: '24h', linkId: plain.id }, creatorKey);
    expect(onlyPlain).toMatchObject({ clicks: 1, leads: 0, sales: 0, revenue: [] });
    const chart = await ok('chart', { range: '24h', interval: 'hour' }, creatorKey);
    expect(chart.data.reduce((sum: number, bucket: Metrics) => sum + bucket.sales!, 0)).toBe(3);
    const summary = await t
      .http()
      .get('/api/v1/conversions/summary')
      .query({ range: '24h' })
      .set(bearer(creatorKey))
      .expect(200);
    expect(summary.body).toMatchObject({ clicks: 2, leads: 1, sales: 3, revenue });
    expect(summary.body.links[0]).toMatchObject({ linkId: tracked.id, leads: 1, sales: 3, revenue });
  });
});
