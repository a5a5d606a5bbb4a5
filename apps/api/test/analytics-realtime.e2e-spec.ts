import { newId } from '@app/common';
import { ANALYTICS_STORE, type AnalyticsStore } from '../src/analytics/analytics-store';
import type { ClickEvent } from '../src/clicks/click-event';
import { ClicksRepository } from '../src/clicks/clicks.repository';
import { bearer, createKey, signUp, SignedUpUser } from '../../../test/helpers/fixtures';
import { insertLink, InsertedLink, TEST_SHORT_DOMAIN } from '../../../test/helpers/links';
import { RawAnalyticsScan } from '../../../test/helpers/raw-analytics-scan';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';

const MINUTE = 60_000;

describe('GET /api/v1/analytics/realtime', () => {
  let t: TestApp;
  let owner: SignedUpUser;
  let other: SignedUpUser;
  let link: InsertedLink;
  let key: string;

  const click = (workspaceId: string, linkId: string, minutesAgo: number, fields: Partial<ClickEvent> = {}) =>
    ({
      id: newId('click'),
      workspaceId,
      linkId,
      domain: TEST_SHORT_DOMAIN,
      url: 'https://example.com/',
      time: new Date(Date.now() - minutesAgo * MINUTE),
      visitorHash: newId('click'),
      country: 'FR',
      region: null,
      city: 'Paris',
      device: 'desktop',
      browser: 'Firefox',
      os: 'Linux',
      userAgent: null,
      referrer: 'https://news.ycombinator.com/item',
      referrerDomain: 'news.ycombinator.com',
      utmSource: null,
      utmMedium: null,
      utmCampaign: null,
      utmTerm: null,
      utmContent: null,
      isBot: false,
      ...fields,
    }) satisfies ClickEvent;

  beforeAll(async () => {
    t = await startTestApp({ SHORT_DOMAIN: TEST_SHORT_DOMAIN });
    owner = await signUp(t);
    other = await signUp(t);
    key = (await createKey(owner, { scopes: ['analytics:read'] })).key;
    link = await insertLink(t, { workspaceId: owner.workspaceId, slug: 'live', url: 'https://example.com/live' });
    const theirs = await insertLink(t, {
      workspaceId: other.workspaceId,
      slug: 'theirs',
      url: 'https://example.com/x',
    });
    await t.app.get(ClicksRepository).writeBatch([
      click(owner.workspaceId, link.id, 1),
      click(owner.workspaceId, link.id, 2, { country: null, city: null, referrer: null, referrerDomain: null }),
      click(owner.workspaceId, link.id, 12, { device: 'mobile', browser: 'Safari' }),
      // Not counted: a bot, a click of 45 minutes ago, another workspace's click.
      click(owner.workspaceId, link.id, 3, { isBot: true }),
      click(owner.workspaceId, link.id, 45),
      click(other.workspaceId, theirs.id, 1),
    ]);
  });

  afterAll(() => t.close());

  it('answers the 30 minutes up to the current one, per minute, and the latest clicks newest first', async () => {
    const before = Date.now();
    const { body } = await t.http().get('/api/v1/analytics/realtime').set(bearer(key)).expect(200);
    expect(body.minutes).toHaveLength(30);
    // The window ends at the start of the next minute, so the current minute is its last bucket.
    const end = Date.parse(body.end);
    expect(end % MINUTE).toBe(0);
    expect(end).toBeGreaterThan(before);
    expect(end - Date.parse(body.start)).toBe(30 * MINUTE);
    expect(body.minutes[0].start).toBe(body.start);
    expect(body.clicks).toBe(3);
    expect(body.minutes.reduce((total: number, minute: { clicks: number }) => total + minute.clicks, 0)).toBe(3);
    expect(
      body.latest.map((row: Record<string, unknown>) => [row.link, row.country, row.browser, row.referrer]),
    ).toEqual([
      [`${TEST_SHORT_DOMAIN}/live`, 'FR', 'Firefox', 'news.ycombinator.com'],
      [`${TEST_SHORT_DOMAIN}/live`, null, 'Firefox', null],
      [`${TEST_SHORT_DOMAIN}/live`, 'FR', 'Safari', 'news.ycombinator.com'],
    ]);
    expect(body.latest[0]).toEqual({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
      linkId: link.id,
      link: `${TEST_SHORT_DOMAIN}/live`,
      country: 'FR',
      city: 'Paris',
      device: 'desktop',
      browser: 'Firefox',
      referrer: 'news.ycombinator.com',
    });
  });

  it('works with the session too, and refuses a key without the analytics scope or no credentials', async () => {
    const session = await owner.agent
      .get('/api/v1/analytics/realtime')
      .set('X-Workspace-Id', owner.workspaceId)
      .expect(200);
    expect(session.body.clicks).toBe(3);
    // The other workspace sees its own click only.
    const theirs = await other.agent.get('/api/v1/analytics/realtime').set('X-Workspace-Id', other.workspaceId);
    expect(theirs.body.clicks).toBe(1);
    const linksOnly = (await createKey(owner, { scopes: ['links:read'] })).key;
    const refused = await t.http().get('/api/v1/analytics/realtime').set(bearer(linksOnly)).expect(403);
    expect(refused.body.code).toBe('insufficient_scope');
    await t.http().get('/api/v1/analytics/realtime').expect(401);
  });

  it("counts each minute as the analytics store holds it, equal to a scan of PostgreSQL's raw events", async () => {
    const { body } = await t.http().get('/api/v1/analytics/realtime').set(bearer(key)).expect(200);
    const scope = {
      workspaceId: owner.workspaceId,
      start: new Date(body.start),
      end: new Date(body.end),
      linkFilters: {},
      dimensionFilters: {},
      includeBots: false,
    };
    const raw = await new RawAnalyticsScan(t.dataSource).minutes(scope);
    expect([...raw.values()].sort()).toEqual([1, 1, 1]);
    const answered = body.minutes
      .filter((minute: { clicks: number }) => minute.clicks > 0)
      .map((minute: { start: string; clicks: number }) => [Date.parse(minute.start), minute.clicks]);
    expect(new Map(answered)).toEqual(raw);
    expect(await t.app.get<AnalyticsStore>(ANALYTICS_STORE).minutes({ ...scope, includeBots: true })).toEqual(
      await new RawAnalyticsScan(t.dataSource).minutes({ ...scope, includeBots: true }),
    );
  });
});
