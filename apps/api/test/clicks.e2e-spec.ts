import { createHash } from 'node:crypto';
import { Agent } from 'node:http';
import { join } from 'node:path';
import { Client } from 'pg';
import { newId } from '@app/common';
import { ANALYTICS_STORE, type AnalyticsScope, type AnalyticsStore } from '../src/analytics/analytics-store';
import { DIMENSION_GROUPS, type DimensionGroup } from '../src/analytics/dimensions';
import { ClickRecorder, HOLD_ABOVE_PENDING } from '../src/clicks/click-recorder.service';
import type { ClickEvent } from '../src/clicks/click-event';
import { SEND_SLICE } from '../src/clicks/clicks.repository';
import { CLICK_WRITER, ClickWriter } from '../src/clicks/click-writer';
import { metricValue } from '../../../test/helpers/prometheus';
import { clickEvent } from '../../../test/helpers/click-events';
import { insertLink, insertWorkspace, TEST_SHORT_DOMAIN } from '../../../test/helpers/links';
import { createPersistentTestDatabase } from '../../../test/helpers/persistent-database';
import { httpStatus, ServerProcess, startServerProcess } from '../../../test/helpers/server-process';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';
import { createTestDatabase, waitForLockWaiters } from '../../../test/helpers/test-database';

const DESKTOP =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const BRITISH_IP = '81.2.69.142';
const GERMAN_IP = '5.9.0.1';
const LINK_PREVIEW_FETCHERS = [
  'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
  'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
  'Twitterbot/1.0',
  'WhatsApp/2.23.20.0 A',
  'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)',
  'TelegramBot (like TwitterBot)',
  'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)',
  'Viber/13.3.0.6 CFNetwork/1220.1 Darwin/20.3.0',
];
const CLICK_TABLES = ['click_events', 'click_salts'];

/** A click as the enricher makes it from a desktop Chrome, on `linkId`. */
function desktopClick(linkId: string, workspaceId: string): ClickEvent {
  return clickEvent({
    workspaceId,
    linkId,
    visitorHash: createHash('sha256').update(newId('click')).digest('hex'),
    browser: 'Chrome',
    os: 'Windows',
    userAgent: DESKTOP,
  });
}

function utcDayOffset(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe('Click pipeline', () => {
  let testApp: TestApp;
  let workspaceId: string;

  beforeAll(async () => {
    testApp = await startTestApp({ SHORT_DOMAIN: TEST_SHORT_DOMAIN, TRUST_PROXY: 'true' });
    workspaceId = await insertWorkspace(testApp);
    // A salt of long ago: the first click of the day must delete it.
    await testApp.dataSource.query(`INSERT INTO click_salts (day, salt) VALUES ($1, $2)`, [
      utcDayOffset(-10),
      'f'.repeat(64),
    ]);
  });

  afterAll(async () => {
    await testApp.close();
  });

  const click = (slug: string, userAgent: string | null, ip = BRITISH_IP) => {
    const request = testApp.http().get(`/${slug}`).set('Host', TEST_SHORT_DOMAIN).set('X-Forwarded-For', ip);
    return userAgent === null ? request : request.set('User-Agent', userAgent);
  };
  const flush = () => testApp.app.get(ClickRecorder).flush();

  /** A link's clicks as analytics count them (the analytics store, all time). */
  const scope = (linkId: string, includeBots = false): AnalyticsScope => ({
    workspaceId,
    start: new Date(0),
    end: new Date(Date.now() + 3_600_000),
    linkFilters: { linkId: { include: [linkId], exclude: [] } },
    dimensionFilters: {},
    includeBots,
  });
  const store = () => testApp.app.get<AnalyticsStore>(ANALYTICS_STORE);
  const linkTotals = async (linkId: string) => {
    const [people, all] = await Promise.all([store().totals(scope(linkId)), store().totals(scope(linkId, true))]);
    return { clicks: people.clicks, uniques: people.uniqueVisitors, bots: all.clicks - people.clicks };
  };
  /** Each dimension's values: `dimension → value → {clicks, uniques}`. */
  const byDimension = async (linkId: string, includeBots = false) => {
    const groups = DIMENSION_GROUPS as DimensionGroup[];
    const lists = await store().breakdowns(scope(linkId, includeBots), groups, {
      sort: 'clicks',
      order: 'desc',
      limit: 100,
    });
    return Object.fromEntries(
      groups.map((group, index) => [
        group,
        Object.fromEntries(lists[index].map((row) => [row.key, { clicks: row.clicks, uniques: row.uniqueVisitors }])),
      ]),
    ) as Record<string, Record<string, { clicks: number; uniques: number }>>;
  };

  it('stores each browser click as an event, counts it on the link, and analytics see it', async () => {
    const link = await insertLink(testApp, {
      workspaceId,
      slug: 'counted',
      url: 'https://example.com/landing',
      utm_source: 'newsletter',
    });
    for (let index = 0; index < 5; index++)
      await click('counted', DESKTOP).set('Referer', 'https://www.google.com/search?q=linktrace').expect(302);
    for (let index = 0; index < 3; index++) await click('counted', IPHONE, GERMAN_IP).expect(302);
    await flush();

    const events = await testApp.dataSource.query(`SELECT * FROM click_events WHERE link_id = $1 ORDER BY time, id`, [
      link.id,
    ]);
    expect(events).toHaveLength(8);
    const metrics = (await testApp.http().get('/metrics').expect(200)).text;
    expect(Number(/^linktrace_clicks_written_total (\d+)/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(8);
    expect(metrics).toMatch(/^linktrace_click_queue_depth 0$/m);
    expect(events[0]).toMatchObject({
      workspace_id: workspaceId,
      domain: TEST_SHORT_DOMAIN,
      url: 'https://example.com/landing?utm_source=newsletter',
      country: 'GB',
      region: 'England',
      city: 'London',
      device: 'desktop',
      browser: 'Chrome',
      os: 'Windows',
      referrer: 'https://www.google.com/search?q=linktrace',
      referrer_domain: 'google.com',
      utm_source: 'newsletter',
      utm_medium: null,
      is_bot: false,
    });
    expect(events[0].id).toMatch(/^clk_[0-9A-Za-z]{23}$/);
    expect(events[7]).toMatchObject({
      country: 'DE',
      device: 'mobile',
      browser: 'Mobile Safari',
      os: 'iOS',
      referrer: null,
      referrer_domain: null,
    });

    const [linkRow] = await testApp.dataSource.query(
      `SELECT clicks::int AS clicks, last_clicked_at FROM links WHERE id = $1`,
      [link.id],
    );
    expect(linkRow.clicks).toBe(8);
    expect(linkRow.last_clicked_at.getTime()).toBe(events[7].time.getTime());

    expect(await linkTotals(link.id)).toEqual({ clicks: 8, uniques: 2, bots: 0 });
    const dimensions = await byDimension(link.id);
    const row = (dimension: string, value: string) => dimensions[dimension][value];
    expect(row('country', 'GB')).toMatchObject({ clicks: 5, uniques: 1 });
    expect(row('country', 'DE')).toMatchObject({ clicks: 3, uniques: 1 });
    expect(row('region', 'GB|England')).toMatchObject({ clicks: 5, uniques: 1 });
    expect(row('city', 'GB|England|London')).toMatchObject({ clicks: 5, uniques: 1 });
    expect(row('device', 'desktop')).toMatchObject({ clicks: 5, uniques: 1 });
    expect(row('device', 'mobile')).toMatchObject({ clicks: 3, uniques: 1 });
    expect(row('browser', 'Chrome')).toMatchObject({ clicks: 5 });
    expect(row('os', 'iOS')).toMatchObject({ clicks: 3 });
    expect(row('referrer', 'google.com')).toMatchObject({ clicks: 5, uniques: 1 });
    expect(row('referrer', '(direct)')).toMatchObject({ clicks: 3, uniques: 1 });
    expect(row('referrer_url', 'https://www.google.com/search')).toMatchObject({ clicks: 5 });
    expect(row('utm_source', 'newsletter')).toMatchObject({ clicks: 8, uniques: 2 });
    expect(dimensions.utm_medium).toEqual({});
  });

  it('counts a returning visitor once a day across batches', async () => {
    const link = await insertLink(testApp, { workspaceId, slug: 'returning', url: 'https://example.com/back' });
    await click('returning', DESKTOP).expect(302);
    await flush();
    await click('returning', DESKTOP).expect(302);
    await click('returning', IPHONE).expect(302);
    await flush();

    expect(await linkTotals(link.id)).toMatchObject({ clicks: 3, uniques: 2 });
    expect((await byDimension(link.id)).country.GB).toEqual({ clicks: 3, uniques: 2 });
    const [linkRow] = await testApp.dataSource.query(`SELECT clicks::int AS clicks FROM links WHERE id = $1`, [
      link.id,
    ]);
    expect(linkRow.clicks).toBe(3);
  });

  it('flags link-preview fetchers, HEAD requests and requests without a user agent as bots, outside the counts', async () => {
    const link = await insertLink(testApp, { workspaceId, slug: 'shared', url: 'https://example.com/shared' });
    for (const userAgent of LINK_PREVIEW_FETCHERS) await click('shared', userAgent).expect(302);
    await testApp.http().head('/shared').set('Host', TEST_SHORT_DOMAIN).set('User-Agent', DESKTOP).expect(302);
    await click('shared', null).expect(302);
    await click('shared', DESKTOP).expect(302);
    await flush();

    const bots = LINK_PREVIEW_FETCHERS.length + 2;
    const events = await testApp.dataSource.query(`SELECT is_bot, device FROM click_events WHERE link_id = $1`, [
      link.id,
    ]);
    expect(events).toHaveLength(bots + 1);
    expect(
      events.filter((event: { is_bot: boolean; device: string }) => event.is_bot && event.device === 'bot'),
    ).toHaveLength(bots);

    const [linkRow] = await testApp.dataSource.query(`SELECT clicks::int AS clicks FROM links WHERE id = $1`, [
      link.id,
    ]);
    expect(linkRow.clicks).toBe(1);
    expect(await linkTotals(link.id)).toEqual({ clicks: 1, uniques: 1, bots });
    expect((await byDimension(link.id, true)).device.bot).toEqual({ clicks: bots, uniques: 0 });
  });

  it('a deleted link leaves link-level analytics (its events stay, workspace-wide), and a click still queued for it stores nothing', async () => {
    const gone = await insertLink(testApp, { workspaceId, slug: 'gone-later', url: 'https://example.com/gone' });
    const kept = await insertLink(testApp, { workspaceId, slug: 'kept', url: 'https://example.com/kept' });
    await click('gone-later', DESKTOP).expect(302);
    await click('kept', DESKTOP).expect(302);
    await flush();
    const links = async () => {
      const day = { ...scope(gone.id), linkFilters: {} };
      const [rows] = await store().breakdowns(day, ['link'], { sort: 'clicks', order: 'desc', limit: 100 });
      return Object.fromEntries(rows.map((row) => [row.key, row.clicks]));
    };
    const workspaceClicks = async () => (await store().totals({ ...scope(gone.id), linkFilters: {} })).clicks;
    expect(await links()).toMatchObject({ [gone.id]: 1, [kept.id]: 1 });
    const before = await workspaceClicks();

    await testApp.dataSource.query(`DELETE FROM links WHERE id = $1`, [gone.id]);
    expect(Object.keys(await links())).not.toContain(gone.id);
    expect((await links())[kept.id]).toBe(1);
    expect(await linkTotals(gone.id)).toEqual({ clicks: 0, uniques: 0, bots: 0 });
    expect(await workspaceClicks()).toBe(before);

    // Recorded, then the link goes before the batch is written: no event without its link.
    const late = await insertLink(testApp, { workspaceId, slug: 'gone-before-flush', url: 'https://example.com/late' });
    await click('gone-before-flush', DESKTOP).expect(302);
    await click('kept', DESKTOP).expect(302);
    await testApp.dataSource.query(`DELETE FROM links WHERE id = $1`, [late.id]);
    await flush();
    const [events] = await testApp.dataSource.query(
      `SELECT count(*)::int AS count FROM click_events WHERE link_id = $1`,
      [late.id],
    );
    expect(events.count).toBe(0);
    const [keptRow] = await testApp.dataSource.query(`SELECT clicks::int AS clicks FROM links WHERE id = $1`, [
      kept.id,
    ]);
    expect(keptRow.clicks).toBe(2);
  });

  it('never stores the IP nor the user agent: the visitor is a SHA-256 of the day salt, IP and user agent, and old salts are gone', async () => {
    const link = await insertLink(testApp, { workspaceId, slug: 'private', url: 'https://example.com/private' });
    await click('private', DESKTOP).set('Referer', 'https://example.org/').expect(302);
    await flush();

    const columns: { table_name: string; column_name: string }[] = await testApp.dataSource.query(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = ANY($1) AND data_type IN ('text', 'character varying', 'character', 'jsonb')`,
      [CLICK_TABLES],
    );
    expect(columns.length).toBeGreaterThan(15);
    for (const { table_name, column_name } of columns) {
      const [found] = await testApp.dataSource.query(
        `SELECT count(*)::int AS count FROM "${table_name}" WHERE "${column_name}"::text LIKE $1 OR "${column_name}"::text LIKE $2`,
        [`%${BRITISH_IP}%`, `%${DESKTOP}%`],
      );
      expect({ column: `${table_name}.${column_name}`, count: found.count }).toEqual({
        column: `${table_name}.${column_name}`,
        count: 0,
      });
    }

    const salts: { day: string; salt: string }[] = await testApp.dataSource.query(
      `SELECT day::text AS day, salt FROM click_salts ORDER BY day`,
    );
    expect(salts.map((salt) => salt.day)).toEqual([utcDayOffset(0)]);
    // Stored as 64 bits of a hash of the SHA-256's hex, the number the analytics store counts visitors by.
    const visitor = createHash('sha256').update(`${salts[0].salt}\n${BRITISH_IP}\n${DESKTOP}`).digest('hex');
    const [event] = await testApp.dataSource.query(
      `SELECT visitor_hash::text, hashtextextended($2, 0)::text AS expected FROM click_events WHERE link_id = $1`,
      [link.id, visitor],
    );
    expect(event.visitor_hash).toBe(event.expected);
  });

  it("cleans a NUL byte in the query string: the click and the other workspaces' clicks of its batch are all stored", async () => {
    const neighbourWorkspaceId = await insertWorkspace(testApp);
    const poisoned = await insertLink(testApp, { workspaceId, slug: 'nul-query', url: 'https://example.com/nul' });
    const neighbour = await insertLink(testApp, {
      workspaceId: neighbourWorkspaceId,
      slug: 'nul-neighbour',
      url: 'https://example.com/neighbour',
    });
    // Sent together, so they are recorded within one flush interval and written as one batch.
    const responses = await Promise.all([
      click('nul-neighbour', DESKTOP),
      click('nul-query?utm_source=%00&utm_medium=news%00letter&utm_term=%ED%A0%80', DESKTOP),
      click('nul-neighbour', IPHONE, GERMAN_IP),
    ]);
    expect(responses.map((response) => response.status)).toEqual([302, 302, 302]);
    await flush();

    const [event] = await testApp.dataSource.query(
      `SELECT utm_source, utm_medium, url FROM click_events WHERE link_id = $1`,
      [poisoned.id],
    );
    expect(event).toEqual({
      utm_source: null,
      utm_medium: 'newsletter',
      url: 'https://example.com/nul?utm_source=%00&utm_medium=news%00letter&utm_term=%ED%A0%80',
    });
    const [neighbourRow] = await testApp.dataSource.query(`SELECT clicks::int AS clicks FROM links WHERE id = $1`, [
      neighbour.id,
    ]);
    expect(neighbourRow.clicks).toBe(2);
  });

  it('splits a batch PostgreSQL still refuses: the refused click is dropped and counted, every other click stored', async () => {
    const neighbourWorkspaceId = await insertWorkspace(testApp);
    const links = [
      await insertLink(testApp, { workspaceId, slug: 'split-a', url: 'https://example.com/a' }),
      await insertLink(testApp, { workspaceId: neighbourWorkspaceId, slug: 'split-b', url: 'https://example.com/b' }),
    ];
    const dropped = async () =>
      metricValue((await testApp.http().get('/metrics').expect(200)).text, 'linktrace_clicks_dropped_total', {
        reason: 'refused_by_database',
      }) || 0;
    const droppedBefore = await dropped();
    const events = Array.from({ length: 9 }, (_, index) =>
      desktopClick(links[index % 2].id, index % 2 === 0 ? workspaceId : neighbourWorkspaceId),
    );
    // What the enricher never lets through: a NUL, which PostgreSQL refuses (SQLSTATE 22021) for the whole batch.
    events[4] = { ...events[4], utmSource: 'news\0letter' };

    await testApp.app.get<ClickWriter>(CLICK_WRITER).write(events);

    const stored: { id: string }[] = await testApp.dataSource.query(
      `SELECT id FROM click_events WHERE link_id = ANY($1::varchar[])`,
      [links.map((link) => link.id)],
    );
    expect(stored.map((row) => row.id).sort()).toEqual(
      events
        .filter((_, index) => index !== 4)
        .map((event) => event.id)
        .sort(),
    );
    expect((await dropped()) - droppedBefore).toBe(1);
  });

  it('stores a batch of several slices as given, values with tabs, line breaks and backslashes included, and counts each link once per click', async () => {
    const links = [
      await insertLink(testApp, { workspaceId, slug: 'slices-a', url: 'https://example.com/a' }),
      await insertLink(testApp, { workspaceId, slug: 'slices-b', url: 'https://example.com/b' }),
    ];
    const start = Date.now() - 60_000;
    const events = Array.from({ length: 2 * SEND_SLICE + 7 }, (_, index) => ({
      ...desktopClick(links[index % 3 === 0 ? 0 : 1].id, workspaceId),
      time: new Date(start + index * 7),
      isBot: index % 10 === 0,
    }));
    const awkward = ['tab\there', 'line\nbreak\r\n', 'back\\slash \\N', '\\N', '', 'ünïcødé ✓'];
    awkward.forEach((value, index) => {
      events[index * 50] = { ...events[index * 50], referrer: value, utmContent: value, variant: value };
    });

    await testApp.app.get<ClickWriter>(CLICK_WRITER).write(events);

    const stored: {
      id: string;
      time: Date;
      referrer: string | null;
      utm_content: string | null;
      variant: string | null;
    }[] = await testApp.dataSource.query(
      `SELECT id, time, referrer, utm_content, variant FROM click_events WHERE link_id = ANY($1::varchar[])`,
      [links.map((link) => link.id)],
    );
    const byId = new Map(stored.map((row) => [row.id, row]));
    expect(byId.size).toBe(events.length);
    for (const event of events)
      expect(byId.get(event.id)).toEqual({
        id: event.id,
        time: event.time,
        referrer: event.referrer,
        utm_content: event.utmContent,
        variant: event.variant ?? null,
      });
    const counters: { id: string; clicks: number; last_clicked_at: Date }[] = await testApp.dataSource.query(
      `SELECT id, clicks::int AS clicks, last_clicked_at FROM links WHERE id = ANY($1::varchar[]) ORDER BY slug`,
      [links.map((link) => link.id)],
    );
    expect(counters).toEqual(
      links.map((link) => {
        const humans = events.filter((event) => event.linkId === link.id && !event.isBot);
        return { id: link.id, clicks: humans.length, last_clicked_at: humans[humans.length - 1].time };
      }),
    );
  });

  it('writes events into the partition of their month; the partition function creates months ahead and empties the default partition', async () => {
    const link = await insertLink(testApp, { workspaceId, slug: 'partitioned', url: 'https://example.com/p' });
    await click('partitioned', DESKTOP).expect(302);
    await flush();

    const month = (offset: number) => {
      const now = new Date();
      const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
      return { name: `click_events_${date.toISOString().slice(0, 7).replace('-', '_')}`, start: date };
    };
    const partitions: { name: string }[] = await testApp.dataSource.query(
      `SELECT inhrelid::regclass::text AS name FROM pg_inherits WHERE inhparent = 'click_events'::regclass ORDER BY 1`,
    );
    expect(partitions.map((partition) => partition.name)).toEqual(
      expect.arrayContaining(['click_events_default', month(0).name, month(1).name]),
    );
    const [stored] = await testApp.dataSource.query(
      `SELECT tableoid::regclass::text AS partition FROM click_events WHERE link_id = $1`,
      [link.id],
    );
    expect(stored.partition).toBe(month(0).name);

    // A row months ahead has no partition yet: it lands in the default one, then moves when its month is created.
    const future = new Date(month(3).start.getTime() + 3_600_000);
    await testApp.dataSource.query(
      `INSERT INTO click_events (id, time, workspace_id, link_id, domain, url, visitor_hash, device) VALUES ('clk_future', $1, $2, $3, $4, 'https://example.com/p', $5, 'desktop')`,
      [future.toISOString(), workspaceId, link.id, TEST_SHORT_DOMAIN, 42],
    );
    const [before] = await testApp.dataSource.query(
      `SELECT tableoid::regclass::text AS partition FROM click_events WHERE id = 'clk_future'`,
    );
    expect(before.partition).toBe('click_events_default');
    await testApp.dataSource.query(`SELECT click_events_ensure_partitions(3)`);
    const [after] = await testApp.dataSource.query(
      `SELECT tableoid::regclass::text AS partition FROM click_events WHERE id = 'clk_future'`,
    );
    expect(after.partition).toBe(month(3).name);
  });

  it('counts a visitor once a day on a link, across batches read apart, late clicks and retried batches', async () => {
    const link = await insertLink(testApp, { workspaceId, slug: 'late-clicks', url: 'https://example.com/late' });
    const writer = testApp.app.get<ClickWriter>(CLICK_WRITER);
    const fiveDaysAgo = (Math.floor(Date.now() / 86_400_000) - 5) * 86_400_000; // a UTC midnight
    const visitor = (name: string) => createHash('sha256').update(name).digest('hex');
    const late = (name: string, minutes: number, isBot = false): ClickEvent => ({
      ...desktopClick(link.id, workspaceId),
      time: new Date(fiveDaysAgo + minutes * 60_000),
      visitorHash: visitor(name),
      isBot,
      device: isBot ? 'bot' : 'desktop',
    });

    // Each write is read by the analytics store before the next (linkTotals catches up): separate batches there.
    await writer.write([late('ann', 0), late('ann', 1), late('bob', 2, true)]);
    expect(await linkTotals(link.id)).toEqual({ clicks: 2, uniques: 1, bots: 1 });
    // Ann again the same day is not new; Bob's earlier click was a bot's; Cid is new.
    const second = [late('ann', 3), late('bob', 4), late('cid', 5)];
    await writer.write(second);
    expect(await linkTotals(link.id)).toEqual({ clicks: 5, uniques: 3, bots: 1 });
    // A retried event counts nothing twice; Cid again is not new; Ann on the next UTC day is.
    await writer.write([second[2], late('cid', 6), late('ann', 24 * 60 + 1)]);
    expect(await linkTotals(link.id)).toEqual({ clicks: 7, uniques: 4, bots: 1 });
    // Within one batch too: the first of each visitor and day counts.
    await writer.write([late('dan', 10), late('dan', 11), late('dan', 24 * 60 + 2)]);
    expect(await linkTotals(link.id)).toEqual({ clicks: 10, uniques: 6, bots: 1 });

    // Ann's two days show in the chart, each day's visitors once.
    const series = await store().series(
      { ...scope(link.id), start: new Date(fiveDaysAgo), end: new Date(fiveDaysAgo + 2 * 86_400_000) },
      'day',
      'UTC',
    );
    expect(series.map((row) => [new Date(row.key).toISOString(), row.clicks, row.uniqueVisitors])).toEqual([
      [new Date(fiveDaysAgo).toISOString(), 8, 4],
      [new Date(fiveDaysAgo + 86_400_000).toISOString(), 2, 2],
    ]);
  });
});

describe('Click pipeline without the GeoIP databases', () => {
  it('keeps redirecting and recording, without a location', async () => {
    const testApp = await startTestApp({
      SHORT_DOMAIN: TEST_SHORT_DOMAIN,
      TRUST_PROXY: 'true',
      GEOIP_DIR: join(__dirname, 'no-geoip-here'),
    });
    try {
      const workspaceId = await insertWorkspace(testApp);
      const link = await insertLink(testApp, {
        workspaceId,
        slug: 'nowhere',
        url: 'https://example.com/',
        geo: { GB: 'https://example.co.uk/' },
      });
      const response = await testApp
        .http()
        .get('/nowhere')
        .set('Host', TEST_SHORT_DOMAIN)
        .set('X-Forwarded-For', BRITISH_IP)
        .set('User-Agent', DESKTOP)
        .expect(302);
      expect(response.headers.location).toBe('https://example.com/');
      await testApp.app.get(ClickRecorder).flush();
      const events = await testApp.dataSource.query(
        `SELECT country, region, city, device FROM click_events WHERE link_id = $1`,
        [link.id],
      );
      expect(events).toEqual([{ country: null, region: null, city: null, device: 'desktop' }]);
    } finally {
      await testApp.close();
    }
  });
});

// A second connection holds a lock the click writer waits on: PostgreSQL only (PGlite has one connection).
const describeOnPostgres = process.env.DATABASE_URL ? describe : describe.skip;

describeOnPostgres('Click back-pressure', () => {
  it('holds a redirect once HOLD_ABOVE_PENDING clicks wait and the writer is working, then answers it and stores its click', async () => {
    const database = await createTestDatabase();
    const testApp = await startTestApp({ SHORT_DOMAIN: TEST_SHORT_DOMAIN }, database);
    const locker = new Client({ connectionString: database.env.DATABASE_URL });
    try {
      const workspaceId = await insertWorkspace(testApp);
      const link = await insertLink(testApp, { workspaceId, slug: 'busy', url: 'https://example.com/busy' });
      const recorder = testApp.app.get(ClickRecorder);
      const record = () =>
        recorder.record({
          clickId: newId('click'),
          time: Date.now(),
          workspaceId,
          linkId: link.id,
          domain: TEST_SHORT_DOMAIN,
          url: 'https://example.com/busy',
          ip: '192.0.2.1',
          userAgent: DESKTOP,
          referrer: undefined,
          head: false,
        });

      // The writer's first batch waits on the link's row, locked by another transaction: it is working, not failing.
      await locker.connect();
      await locker.query('BEGIN');
      await locker.query('SELECT id FROM links WHERE id = $1 FOR UPDATE', [link.id]);
      record();
      const writing = recorder.flush();
      await waitForLockWaiters(
        (sql) => locker.query(sql).then((result) => result.rows),
        1,
        'the click writer to wait on the locked link',
      );
      while (recorder.pending < HOLD_ABOVE_PENDING) record();

      let answered = false;
      const held = testApp.app
        .inject({ method: 'GET', url: '/busy', headers: { host: TEST_SHORT_DOMAIN, 'user-agent': DESKTOP } })
        .then((response) => ((answered = true), response));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(answered).toBe(false);

      await locker.query('ROLLBACK');
      const response = await held;
      expect(response.statusCode).toBe(302);
      expect(response.headers.location).toBe('https://example.com/busy');
      await writing;
      await recorder.flush();

      const [stored] = await testApp.dataSource.query(
        `SELECT count(*)::int AS count FROM click_events WHERE link_id = $1`,
        [link.id],
      );
      const [linkRow] = await testApp.dataSource.query(`SELECT clicks::int AS clicks FROM links WHERE id = $1`, [
        link.id,
      ]);
      // The full buffer (the click being written included) and the held redirect's click.
      expect({ stored: stored.count, clicks: linkRow.clicks }).toEqual({
        stored: HOLD_ABOVE_PENDING + 1,
        clicks: HOLD_ABOVE_PENDING + 1,
      });
      const metrics = (await testApp.http().get('/metrics').expect(200)).text;
      expect(metrics).toMatch(/^linktrace_redirects_held_total 1$/m);
      expect(metrics).not.toMatch(/^linktrace_clicks_dropped_total\{/m);
    } finally {
      await locker.end().catch(() => undefined);
      await testApp.close();
      await database.drop();
    }
  }, 60_000);
});

describe('Click pipeline at shutdown', () => {
  it('writes every buffered click when the app closes', async () => {
    const database = await createPersistentTestDatabase();
    try {
      const first = await startTestApp({ SHORT_DOMAIN: TEST_SHORT_DOMAIN }, database);
      const workspaceId = await insertWorkspace(first);
      const link = await insertLink(first, { workspaceId, slug: 'closing', url: 'https://example.com/closing' });
      const responses = await Promise.all(
        Array.from({ length: 40 }, () =>
          first.http().get('/closing').set('Host', TEST_SHORT_DOMAIN).set('User-Agent', DESKTOP).expect(302),
        ),
      );
      expect(responses).toHaveLength(40);
      // The test is only meaningful while clicks are still waiting in memory.
      expect(first.app.get(ClickRecorder).pending).toBeGreaterThan(0);
      await first.close();

      const second = await startTestApp({ SHORT_DOMAIN: TEST_SHORT_DOMAIN }, database);
      try {
        const [events] = await second.dataSource.query(
          `SELECT count(*)::int AS count FROM click_events WHERE link_id = $1`,
          [link.id],
        );
        const [linkRow] = await second.dataSource.query(`SELECT clicks::int AS clicks FROM links WHERE id = $1`, [
          link.id,
        ]);
        expect({ events: events.count, clicks: linkRow.clicks }).toEqual({ events: 40, clicks: 40 });
      } finally {
        await second.close();
      }
    } finally {
      await database.drop();
    }
  });

  it('writes every click when the server process receives SIGTERM', async () => {
    const database = await createPersistentTestDatabase();
    let server: ServerProcess | undefined;
    try {
      const setup = await startTestApp({ SHORT_DOMAIN: TEST_SHORT_DOMAIN }, database);
      const workspaceId = await insertWorkspace(setup);
      const link = await insertLink(setup, { workspaceId, slug: 'sigterm', url: 'https://example.com/sigterm' });
      await setup.close();

      server = await startServerProcess({ ...database.env, SHORT_DOMAIN: TEST_SHORT_DOMAIN });
      const agent = new Agent({ keepAlive: true, maxSockets: 10 });
      const headers = { Host: TEST_SHORT_DOMAIN, 'User-Agent': DESKTOP };
      const statuses = await Promise.all(
        Array.from({ length: 200 }, () => httpStatus(server!.port, '/sigterm', headers, agent)),
      );
      agent.destroy();
      expect(statuses.every((status) => status === 302)).toBe(true);

      server.process.kill('SIGTERM');
      const exit = await server.exited;
      // Nest closes the app, then re-raises the signal to end the process.
      expect({ exit, errorOutput: server.errorOutput() }).toEqual({
        exit: { code: null, signal: 'SIGTERM' },
        errorOutput: '',
      });
      server = undefined;

      const check = await startTestApp({ SHORT_DOMAIN: TEST_SHORT_DOMAIN }, database);
      try {
        const [events] = await check.dataSource.query(
          `SELECT count(*)::int AS count FROM click_events WHERE link_id = $1`,
          [link.id],
        );
        const [linkRow] = await check.dataSource.query(`SELECT clicks::int AS clicks FROM links WHERE id = $1`, [
          link.id,
        ]);
        expect({ events: events.count, clicks: linkRow.clicks }).toEqual({ events: 200, clicks: 200 });
      } finally {
        await check.close();
      }
    } finally {
      server?.process.kill('SIGKILL');
      await database.drop();
    }
  }, 150_000);
});
