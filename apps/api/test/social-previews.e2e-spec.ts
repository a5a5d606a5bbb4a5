import { ClickRecorder } from '../src/clicks/click-recorder.service';
import type { CreateLinkDto } from '../src/links/dto/create-link.dto';
import { TEST_SHORT_DOMAIN } from '../../../test/helpers/links';
import { bearer, createKey, setPlan, signUp } from '../../../test/helpers/fixtures';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';

const DESKTOP =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
const CRAWLERS = [
  ['X', 'Twitterbot/1.0'],
  ['Facebook', 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)'],
  ['LinkedIn', 'LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)'],
  ['Slack', 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)'],
  ['Discord', 'Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)'],
  ['WhatsApp', 'WhatsApp/2.23.20.0 A'],
  ['Telegram', 'TelegramBot (like TwitterBot)'],
];

/** The page's meta tags, values unescaped, as a crawler reads them. */
function metaTags(html: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const [, , key, value] of html.matchAll(/<meta (property|name)="([^"]+)" content="([^"]*)">/g))
    tags[key] = value.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
  return tags;
}

describe('social previews', () => {
  let t: TestApp;
  let key: string;
  let freeKey: string;

  beforeAll(async () => {
    t = await startTestApp({ SHORT_DOMAIN: TEST_SHORT_DOMAIN });
    const owner = await signUp(t);
    await setPlan(t, owner.workspaceId, 'starter');
    key = (await createKey(owner, { scopes: ['links'] })).key;
    freeKey = (await createKey(await signUp(t), { scopes: ['links'] })).key;
  });
  afterAll(async () => {
    await t?.close();
  });

  const createLink = (body: CreateLinkDto | Record<string, unknown>, authKey = key) =>
    t.http().post('/api/v1/links').set(bearer(authKey)).send(body);
  const follow = (slug: string, userAgent: string) =>
    t.http().get(`/${slug}`).set('Host', TEST_SHORT_DOMAIN).set('User-Agent', userAgent);

  const OG = {
    title: 'Spring sale',
    description: 'Everything 20% off until Sunday',
    image: 'https://cdn.example.com/spring.png',
  };

  it('stores the preview and returns it; blank fields are null; null removes it', async () => {
    const created = await createLink({ url: 'https://shop.example.com/spring', slug: 'og-stored', og: OG }).expect(201);
    expect(created.body.og).toEqual(OG);
    const read = await t.http().get(`/api/v1/links/${created.body.id}`).set(bearer(key)).expect(200);
    expect(read.body.og).toEqual(OG);
    const titleOnly = await t
      .http()
      .patch(`/api/v1/links/${created.body.id}`)
      .set(bearer(key))
      .send({ og: { title: 'Only a title', description: '  ' } })
      .expect(200);
    expect(titleOnly.body.og).toEqual({ title: 'Only a title', description: null, image: null });
    const removed = await t
      .http()
      .patch(`/api/v1/links/${created.body.id}`)
      .set(bearer(key))
      .send({ og: null })
      .expect(200);
    expect(removed.body.og).toBeNull();
  });

  describe('the redirect', () => {
    beforeAll(async () => {
      await createLink({
        url: 'https://shop.example.com/spring',
        slug: 'og-spring',
        utm_source: 'social',
        og: OG,
      }).expect(201);
      await createLink({ url: 'https://shop.example.com/plain', slug: 'og-plain' }).expect(201);
    });

    it.each(CRAWLERS)('answers %s’s crawler with the Open Graph and Twitter card tags, not a 302', async (_, agent) => {
      const response = await follow('og-spring', agent).expect(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers.location).toBeUndefined();
      expect(response.headers['content-security-policy']).toBe(
        "default-src 'none'; base-uri 'none'; frame-ancestors 'none'",
      );
      expect(metaTags(response.text)).toEqual({
        'og:type': 'website',
        'og:title': OG.title,
        'og:description': OG.description,
        'og:image': OG.image,
        'twitter:card': 'summary_large_image',
        'twitter:title': OG.title,
        'twitter:description': OG.description,
        'twitter:image': OG.image,
      });
      expect(response.text).toContain('<a href="https://shop.example.com/spring?utm_source=social">Spring sale</a>');
    });

    it('still redirects a browser, and a crawler following a link without a preview', async () => {
      const browser = await follow('og-spring', DESKTOP).expect(302);
      expect(browser.headers.location).toBe('https://shop.example.com/spring?utm_source=social');
      const crawler = await follow('og-plain', 'Twitterbot/1.0').expect(302);
      expect(crawler.headers.location).toBe('https://shop.example.com/plain');
    });

    it('records the crawlers’ requests as bot clicks, never counted as clicks', async () => {
      const created = await createLink({ url: 'https://shop.example.com/count', slug: 'og-count', og: OG }).expect(201);
      for (const [, agent] of CRAWLERS) await follow('og-count', agent).expect(200);
      await follow('og-count', DESKTOP).expect(302);
      await t.app.get(ClickRecorder).flush();
      const clicks: { is_bot: boolean; device: string }[] = await t.dataSource.query(
        `SELECT is_bot, device FROM click_events WHERE link_id = $1`,
        [created.body.id],
      );
      expect(clicks.filter((click) => click.is_bot)).toHaveLength(CRAWLERS.length);
      expect(clicks.filter((click) => !click.is_bot)).toHaveLength(1);
      const link = await t.http().get(`/api/v1/links/${created.body.id}`).set(bearer(key)).expect(200);
      expect(link.body.clicks).toBe(1);
    });

    it('escapes every value: a title closing the attribute and opening a script stays text', async () => {
      const attack = '"><script>alert(1)</script>';
      await createLink({
        url: 'https://shop.example.com/x?a=1&b="2"',
        slug: 'og-xss',
        og: {
          title: attack,
          description: `<img src=x onerror=alert(1)> & 'quotes'`,
          image: 'https://cdn.example.com/a.png?x="y"',
        },
      }).expect(201);
      const response = await follow('og-xss', 'Twitterbot/1.0').expect(200);
      expect(response.text).not.toContain('<script');
      expect(response.text).not.toContain('<img');
      const tags = metaTags(response.text);
      expect(tags['og:title']).toBe(attack);
      expect(tags['twitter:description']).toBe(`<img src=x onerror=alert(1)> & 'quotes'`);
      expect(tags['og:image']).toBe('https://cdn.example.com/a.png?x="y"');
      expect(response.text).toContain('<title>&#34;&#62;&#60;script&#62;alert(1)&#60;/script&#62;</title>');
    });
  });

  it.each([
    ['og.title', { title: 'x'.repeat(201) }],
    ['og.title', { title: 42 }],
    ['og.description', { description: 'x'.repeat(501) }],
    ['og.image', { image: 'javascript:alert(1)' }],
    ['og.image', { image: 'data:image/png;base64,AAAA' }],
    ['og.image', { image: 'ftp://cdn.example.com/a.png' }],
    ['og.image', { image: 'http://192.168.1.10/a.png' }],
    ['og.image', { image: 'http://[::1]/a.png' }],
    ['og.image', { image: 'http://localhost:8080/a.png' }],
    ['og.image', { image: 'https://intranet/a.png' }],
    ['og.image', { image: 'https://printer.local/a.png' }],
    ['og.video', { video: 'https://cdn.example.com/a.mp4' }],
    ['og', 'a title'],
  ])('refuses %s with 400 naming it (%j)', async (field, og) => {
    const response = await createLink({ url: 'https://shop.example.com/', og }).expect(400);
    expect(response.body.code).toBe('validation_failed');
    expect(new Set(response.body.errors.map((error: { field: string }) => error.field))).toEqual(new Set([field]));
  });

  it('needs the starter plan: 403 plan_upgrade_required on free, null always accepted', async () => {
    const refused = await createLink({ url: 'https://shop.example.com/', og: OG }, freeKey).expect(403);
    expect(refused.body).toMatchObject({
      code: 'plan_upgrade_required',
      requiredPlan: 'starter',
      message: 'Social previews requires the starter plan or above',
    });
    await createLink({ url: 'https://shop.example.com/', og: null }, freeKey).expect(201);
  });
});
