import { createHash } from 'node:crypto';
import { ClickRecorder } from '../src/clicks/click-recorder.service';
import type { CreateLinkDto } from '../src/links/dto/create-link.dto';
import { TEST_SHORT_DOMAIN } from '../../../test/helpers/links';
import { bearer, createKey, setPlan, signUp } from '../../../test/helpers/fixtures';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1';
const ANDROID =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36';
const DESKTOP =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
/** An address the bundled DB-IP database places in Germany. */
const GERMAN_IP = '5.9.0.1';

/** The hrefs of the page's links by id, unescaped as a browser reads them. */
function linkHrefs(html: string): Record<string, string> {
  const hrefs: Record<string, string> = {};
  for (const [, id, href] of html.matchAll(/<a id="(\w+)" href="([^"]*)">/g))
    hrefs[id] = href.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
  return hrefs;
}

describe('app URLs as device destinations', () => {
  let t: TestApp;
  let key: string;

  beforeAll(async () => {
    t = await startTestApp({ SHORT_DOMAIN: TEST_SHORT_DOMAIN, TRUST_PROXY: 'true' });
    const owner = await signUp(t);
    await setPlan(t, owner.workspaceId, 'starter');
    key = (await createKey(owner, { scopes: ['links', 'analytics'] })).key;
  });
  afterAll(async () => {
    await t?.close();
  });

  const createLink = (body: CreateLinkDto) => t.http().post('/api/v1/links').set(bearer(key)).send(body);
  const follow = (slug: string, userAgent: string, ip = '198.51.100.7') =>
    t.http().get(`/${slug}`).set('Host', TEST_SHORT_DOMAIN).set('User-Agent', userAgent).set('X-Forwarded-For', ip);

  describe('the redirect', () => {
    let linkId: string;

    beforeAll(async () => {
      const created = await createLink({
        url: 'https://shop.example.com/p/42',
        slug: 'app-42',
        utm_source: 'qr',
        ios: 'myshop://product/42',
        android: 'shopapp://product/42?ref=a&b=<x>',
        geo: { DE: 'https://shop.example.de/p/42' },
      }).expect(201);
      linkId = created.body.id;
      expect(created.body).toMatchObject({ ios: 'myshop://product/42', android: 'shopapp://product/42?ref=a&b=<x>' });
    });

    it.each([
      ['iOS', IPHONE, 'myshop://product/42?utm_source=qr&coupon=SAVE'],
      ['Android', ANDROID, 'shopapp://product/42?ref=a&b=<x>&utm_source=qr&coupon=SAVE'],
    ])(
      'answers an %s visitor with a page that tries the app, then falls back to the web URL',
      async (_, agent, app) => {
        const response = await follow('app-42?coupon=SAVE', agent).expect(200);
        expect(response.headers.location).toBeUndefined();
        expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
        expect(response.headers['cache-control']).toBe('no-store');
        expect(linkHrefs(response.text)).toEqual({
          app,
          web: 'https://shop.example.com/p/42?utm_source=qr&coupon=SAVE',
        });
        // The one script is allowed by its hash and nothing else runs or loads: no src, no third-party request.
        const scripts = [...response.text.matchAll(/<script>(.*?)<\/script>/g)].map((match) => match[1]);
        expect(scripts).toHaveLength(1);
        expect(scripts[0]).toContain('setTimeout');
        const hash = createHash('sha256').update(scripts[0]).digest('base64');
        const policy = response.headers['content-security-policy'];
        expect(policy).toBe(
          `default-src 'none'; script-src 'sha256-${hash}'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
        );
        expect(response.text).not.toMatch(/\ssrc=/);
        expect(response.text).not.toContain('<x>');
      },
    );

    it('redirects other visitors as before: desktop to the URL, a German one to the country’s', async () => {
      expect((await follow('app-42', DESKTOP).expect(302)).headers.location).toBe(
        'https://shop.example.com/p/42?utm_source=qr',
      );
      expect((await follow('app-42', DESKTOP, GERMAN_IP).expect(302)).headers.location).toBe(
        'https://shop.example.de/p/42?utm_source=qr',
      );
    });

    it('keeps the 302 for a universal link (an https destination)', async () => {
      await createLink({
        url: 'https://shop.example.com/p/7',
        slug: 'universal-7',
        ios: 'https://shop.example.com/app/p/7',
      }).expect(201);
      expect((await follow('universal-7', IPHONE).expect(302)).headers.location).toBe(
        'https://shop.example.com/app/p/7',
      );
      expect((await follow('universal-7', ANDROID).expect(302)).headers.location).toBe('https://shop.example.com/p/7');
    });

    it('records which destination each click used, a click dimension of analytics', async () => {
      const created = await createLink({
        url: 'https://shop.example.com/p/9',
        slug: 'app-9',
        ios: 'myshop://product/9',
        android: 'https://shop.example.com/android/p/9',
        geo: { DE: 'https://shop.example.de/p/9' },
      }).expect(201);
      await follow('app-9', IPHONE).expect(200);
      await follow('app-9', IPHONE).expect(200);
      await follow('app-9', ANDROID).expect(302);
      await follow('app-9', DESKTOP).expect(302);
      await follow('app-9', DESKTOP, GERMAN_IP).expect(302);
      await t.app.get(ClickRecorder).flush();
      const clicks: { destination_type: string; url: string }[] = await t.dataSource.query(
        `SELECT destination_type, url FROM click_events WHERE link_id = $1 ORDER BY seq`,
        [created.body.id],
      );
      expect(clicks).toEqual([
        { destination_type: 'app', url: 'myshop://product/9' },
        { destination_type: 'app', url: 'myshop://product/9' },
        { destination_type: 'android', url: 'https://shop.example.com/android/p/9' },
        { destination_type: 'web', url: 'https://shop.example.com/p/9' },
        { destination_type: 'geo', url: 'https://shop.example.de/p/9' },
      ]);

      const grouped = await t
        .http()
        .get(`/api/v1/analytics/report?range=24h&groupBy=destination_type&linkId=${created.body.id}`)
        .set(bearer(key))
        .expect(200);
      expect(grouped.body.data).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ value: 'app', clicks: 2 }),
          expect.objectContaining({ value: 'android', clicks: 1 }),
          expect.objectContaining({ value: 'web', clicks: 1 }),
          expect.objectContaining({ value: 'geo', clicks: 1 }),
        ]),
      );
      const filtered = await t
        .http()
        .get(`/api/v1/analytics/report?range=24h&groupBy=link&linkId=${created.body.id}&destination_type=app`)
        .set(bearer(key))
        .expect(200);
      expect(filtered.body.data).toEqual([expect.objectContaining({ value: created.body.id, clicks: 2 })]);
      expect(linkId).toBeDefined();
    });
  });

  it.each([
    ['ios', 'javascript:alert(1)'],
    ['ios', 'JavaScript:alert(1)'],
    ['ios', 'java\nscript:alert(1)'],
    ['android', 'data:text/html,<script>alert(1)</script>'],
    ['android', 'file:///etc/passwd'],
    ['ios', 'vbscript:msgbox(1)'],
    ['android', 'intent://scan/#Intent;scheme=zxing;end'],
    ['ios', 'myshop://product/42 now'],
    ['ios', 'x:y'],
    ['android', 'myshop:'],
    ['ios', 'ftp://files.example.com/app'],
  ])('refuses %s %j with 400 naming the field', async (field, value) => {
    const response = await createLink({ url: 'https://shop.example.com/', [field]: value }).expect(400);
    expect(response.body.code).toBe('validation_failed');
    expect(response.body.errors.map((error: { field: string }) => error.field)).toEqual([field]);
  });
});
