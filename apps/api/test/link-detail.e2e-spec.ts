import { ClickRecorder } from '../src/clicks/click-recorder.service';
import { TEST_SHORT_DOMAIN } from '../../../test/helpers/links';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';
import { bearer, createKey, setPlan, signUp, SignedUpUser } from '../../../test/helpers/fixtures';

const DESKTOP =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const GOOGLEBOT = 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)';

describe('link detail and click export', () => {
  let t: TestApp;
  let owner: SignedUpUser;
  let linksKey: string;

  beforeAll(async () => {
    t = await startTestApp({ SHORT_DOMAIN: TEST_SHORT_DOMAIN });
    owner = await signUp(t);
    await setPlan(t, owner.workspaceId, 'starter');
    linksKey = (await createKey(owner, { scopes: ['links'] })).key;
  });
  afterAll(() => t?.close());

  async function createLink(slug: string): Promise<{ id: string }> {
    const response = await t
      .http()
      .post('/api/v1/links')
      .set(bearer(linksKey))
      .send({ url: 'https://example.com/landing', slug })
      .expect(201);
    return response.body;
  }

  async function click(slug: string, userAgent: string, referrer?: string): Promise<void> {
    const request = t.http().get(`/${slug}`).set('Host', TEST_SHORT_DOMAIN).set('User-Agent', userAgent);
    if (referrer) request.set('Referer', referrer);
    await request.expect(302);
  }

  it('answers totals, series, top values and recent clicks from what the redirect recorded', async () => {
    const link = await createLink('detail-me');
    await click('detail-me', DESKTOP, 'https://news.ycombinator.com/item?id=1');
    await click('detail-me', DESKTOP, 'https://news.ycombinator.com/item?id=2');
    await click('detail-me', IPHONE);
    await click('detail-me', GOOGLEBOT);
    await t.app.get(ClickRecorder).flush();

    const response = await t.http().get(`/api/v1/links/${link.id}/detail`).set(bearer(linksKey)).expect(200);
    const detail = response.body;
    expect(detail.link).toMatchObject({ id: link.id, slug: 'detail-me', clicks: 3 });
    expect(detail.totals).toEqual({ clicks: 3, uniqueVisitors: 2, botClicks: 1 });
    expect(detail.last30Days).toHaveLength(30);
    expect(detail.last7Days).toHaveLength(7);
    const today = new Date().toISOString().slice(0, 10);
    expect(detail.last7Days[6]).toEqual({ day: today, clicks: 3, uniqueVisitors: 2 });
    expect(detail.last30Days.slice(0, 29).every((day: { clicks: number }) => day.clicks === 0)).toBe(true);
    expect(detail.topReferrers).toEqual([
      { value: 'news.ycombinator.com', clicks: 2 },
      { value: '(direct)', clicks: 1 },
    ]);
    expect(detail.topDevices).toEqual([
      { value: 'desktop', clicks: 2 },
      { value: 'mobile', clicks: 1 },
    ]);
    expect(detail.recentClicks).toHaveLength(4);
    expect(detail.recentClicks.filter((recent: { isBot: boolean }) => recent.isBot)).toHaveLength(1);
    expect(detail.recentClicks[0].id).toMatch(/^clk_/);
    expect(new Date(detail.recentClicks[0].time).getTime()).toBeGreaterThanOrEqual(
      new Date(detail.recentClicks[3].time).getTime(),
    );
  });

  it('exports every click as CSV and NDJSON, streamed in time order across batches', async () => {
    const link = await createLink('export-me');
    // 12 001 clicks: more than two export batches of 5 000.
    await t.dataSource.query(
      `INSERT INTO click_events (id, time, workspace_id, link_id, domain, url, visitor_hash, device, referrer, is_bot)
       SELECT 'clk_export' || lpad(g::text, 6, '0'), timestamptz '2026-01-01T00:00:00Z' + make_interval(secs => g), $1, $2, $3,
              'https://example.com/landing', g, 'desktop', CASE WHEN g = 7 THEN '=HYPERLINK("x")' END, false
         FROM generate_series(1, 12001) g`,
      [owner.workspaceId, link.id, TEST_SHORT_DOMAIN],
    );
    const csv = await t
      .http()
      .get(`/api/v1/links/${link.id}/events/export?format=csv`)
      .set(bearer(linksKey))
      .buffer(true)
      .expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="${link.id}-clicks.csv"`);
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'id,time,domain,url,country,region,city,device,browser,os,referrer,referrerDomain,utmSource,utmMedium,utmCampaign,utmTerm,utmContent,isBot,variant,destinationType',
    );
    expect(lines).toHaveLength(12002);
    expect(lines[1]).toMatch(
      /^clk_export000001,2026-01-01T00:00:01\.000000Z,go\.test,https:\/\/example\.com\/landing,/,
    );
    expect(lines[12001].startsWith('clk_export012001,')).toBe(true);
    // A formula-looking value cannot run in a spreadsheet.
    expect(lines[7]).toContain(`"'=HYPERLINK(""x"")"`);

    const ndjson = await t
      .http()
      .get(`/api/v1/links/${link.id}/events/export?format=ndjson&start=2026-01-01T00:00:10Z&end=2026-01-01T00:00:20Z`)
      .set(bearer(linksKey))
      .buffer(true)
      .expect(200);
    expect(ndjson.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    const events = ndjson.text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(events.map((event) => event.id)).toEqual(
      Array.from({ length: 10 }, (_, index) => `clk_export${String(index + 10).padStart(6, '0')}`),
    );
    expect(events[0]).toMatchObject({
      time: '2026-01-01T00:00:10.000000Z',
      device: 'desktop',
      isBot: false,
      country: null,
    });
  });

  it('validates the export query', async () => {
    const link = await createLink('export-bad');
    const response = await t
      .http()
      .get(`/api/v1/links/${link.id}/events/export?format=xml&start=yesterday`)
      .set(bearer(linksKey))
      .expect(400);
    expect(response.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['format', 'start']);
    const reversed = await t
      .http()
      .get(`/api/v1/links/${link.id}/events/export?start=2026-02-01T00:00:00Z&end=2026-01-01T00:00:00Z`)
      .set(bearer(linksKey))
      .expect(400);
    expect(reversed.body.errors).toEqual([{ field: 'end', message: 'end must be after start' }]);
  });

  it('needs the starter plan; export opens to links or analytics keys; other workspaces get 403', async () => {
    const link = await createLink('gated');
    const analyticsKey = (await createKey(owner, { scopes: ['analytics:read'] })).key;
    await t.http().get(`/api/v1/links/${link.id}/events/export`).set(bearer(analyticsKey)).expect(200);
    const tagsKey = (await createKey(owner, { scopes: ['tags'] })).key;
    expect(
      (await t.http().get(`/api/v1/links/${link.id}/events/export`).set(bearer(tagsKey)).expect(403)).body.code,
    ).toBe('insufficient_scope');
    expect(
      (await t.http().get(`/api/v1/links/${link.id}/detail`).set(bearer(analyticsKey)).expect(403)).body.code,
    ).toBe('insufficient_scope');

    const free = await signUp(t);
    const freeKey = (await createKey(free, { scopes: ['links'] })).key;
    const freeLink = (
      await t.http().post('/api/v1/links').set(bearer(freeKey)).send({ url: 'https://example.com' }).expect(201)
    ).body;
    const gated = await t.http().get(`/api/v1/links/${freeLink.id}/detail`).set(bearer(freeKey)).expect(403);
    expect(gated.body).toMatchObject({
      code: 'plan_upgrade_required',
      requiredPlan: 'starter',
      message: 'Link detail and exports requires the starter plan or above',
    });
    await t.http().get(`/api/v1/links/${freeLink.id}/events/export`).set(bearer(freeKey)).expect(403);

    await setPlan(t, free.workspaceId, 'starter');
    expect((await t.http().get(`/api/v1/links/${link.id}/detail`).set(bearer(freeKey)).expect(403)).body.code).toBe(
      'forbidden',
    );
    expect(
      (await t.http().get(`/api/v1/links/${link.id}/events/export`).set(bearer(freeKey)).expect(403)).body.code,
    ).toBe('forbidden');
  });
});
