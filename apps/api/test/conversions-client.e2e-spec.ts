import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKey, setPlan, signUp, SignedUpUser } from '../../../test/helpers/fixtures';
import { insertLink, InsertedLink } from '../../../test/helpers/links';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';
import { freePort } from '../../../test/helpers/free-port';
import { CHROMIUM, describeWithChromium } from '../../../test/helpers/chromium';

const DESKTOP =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
describe('client.js', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp();
  });

  afterAll(async () => {
    await testApp?.close();
  });

  it('is small, dependency-free JavaScript, cacheable for an hour and revalidated with its ETag', async () => {
    const response = await testApp.http().get('/api/v1/track/client.js').expect(200);
    expect(response.headers).toMatchObject({
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=3600',
      'x-content-type-options': 'nosniff',
      'cross-origin-resource-policy': 'cross-origin',
    });
    const etag = response.headers.etag;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(Buffer.byteLength(response.text)).toBeLessThan(4096);
    expect(response.text).not.toMatch(/\b(import|require)\s*\(/);
    expect(response.text).toContain('lt_id=');

    const revalidated = await testApp.http().get('/api/v1/track/client.js').set('If-None-Match', etag).expect(304);
    expect(revalidated.text).toBe('');
    expect(revalidated.headers.etag).toBe(etag);
    await testApp.http().get('/api/v1/track/client.js').set('If-None-Match', '"stale"').expect(200);
  });
});

/**
 * The real thing: Chromium follows a tracked short link to a page on another origin, where client.js keeps
 * `lt_id` in a cookie; the next page records a lead and a sale with the publishable key, across CORS.
 */
describeWithChromium('the client.js browser test')('client.js in a browser', () => {
  let testApp: TestApp;
  let pages: Server;
  let apiPort: number;
  let pagePort: number;
  let user: SignedUpUser;
  let publishableKey: string;
  let link: InsertedLink;
  let profile: string;

  const scriptTag = () =>
    `<script src="http://127.0.0.1:${apiPort}/api/v1/track/client.js" data-key="${publishableKey}"></script>`;

  function page(path: string, query: URLSearchParams): string {
    if (path === '/landing')
      return `<!doctype html><html><body>${scriptTag()}<script>location.replace('/signup?customer=${query.get('customer') ?? 'visitor'}');</script></body></html>`;
    // Records a lead (clickId from the cookie), then a sale, and writes what happened into the page.
    return `<!doctype html><html><body><pre id="result">pending</pre>${scriptTag()}<script>
      var customer = new URLSearchParams(location.search).get('customer');
      var show = function (value) { document.getElementById('result').textContent = JSON.stringify(value); };
      linktrace.trackLead({ eventName: 'Sign up', customerExternalId: customer, eventId: 'browser-' + customer })
        .then(function (lead) {
          if (!lead) return show({ lead: null, cookie: document.cookie });
          return linktrace.trackSale({ customerExternalId: customer, amount: 1999, currency: 'usd', invoiceId: 'inv-' + customer })
            .then(function (sale) { show({ lead: lead, sale: sale, cookie: document.cookie }); });
        })
        .catch(function (error) { show({ error: String(error.message), status: error.status || null }); });
    </script></body></html>`;
  }

  /** Loads `url` in a fresh headless Chromium and returns the JSON the page wrote into #result. */
  async function runInBrowser(url: string): Promise<Record<string, unknown>> {
    const dom = await new Promise<string>((resolve, reject) => {
      execFile(
        CHROMIUM!,
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          `--user-data-dir=${mkdtempSync(join(profile, 'run-'))}`,
          `--user-agent=${DESKTOP}`,
          // Virtual time waits for pending fetches, so the DOM is dumped once the page's promises have settled.
          '--virtual-time-budget=15000',
          '--dump-dom',
          url,
        ],
        { timeout: 60_000, maxBuffer: 4 * 1024 * 1024 },
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      );
    });
    const match = /<pre id="result">([\s\S]*?)<\/pre>/.exec(dom);
    if (!match) throw new Error(`No #result in the page Chromium ended on:\n${dom.slice(0, 2000)}`);
    const text = match[1]
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    if (text === 'pending') throw new Error('The page never settled');
    return JSON.parse(text);
  }

  beforeAll(async () => {
    apiPort = await freePort();
    // Chromium follows the short link on the API's own host, as a visitor would on the short domain.
    testApp = await startTestApp({ SHORT_DOMAIN: `127.0.0.1:${apiPort}`, PUBLIC_URL: `http://127.0.0.1:${apiPort}` });
    await testApp.app.listen(apiPort, '127.0.0.1');
    pages = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://pages.test');
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page(url.pathname, url.searchParams));
    });
    await new Promise<void>((resolve) => pages.listen(0, resolve));
    pagePort = (pages.address() as AddressInfo).port;

    user = await signUp(testApp);
    await setPlan(testApp, user.workspaceId, 'creator');
    await testApp.dataSource.query('UPDATE workspaces SET allowed_hostnames = $1 WHERE id = $2', [
      ['localhost'],
      user.workspaceId,
    ]);
    publishableKey = (await createKey(user, { type: 'publishable' })).key;
    link = await insertLink(testApp, {
      workspaceId: user.workspaceId,
      domain: `127.0.0.1:${apiPort}`,
      slug: 'spring-sale',
      url: `http://localhost:${pagePort}/landing?customer=browser-visitor`,
      trackConversion: true,
    });
    profile = mkdtempSync(join(tmpdir(), 'linktrace-chromium-'));
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => (pages ? pages.close(() => resolve()) : resolve()));
    await testApp?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('keeps lt_id in a first-party cookie and records the lead and the sale on the link', async () => {
    const result = await runInBrowser(`http://127.0.0.1:${apiPort}/${link.slug}`);

    const lead = result.lead as { id: string; clickId: string; linkId: string; customer: { externalId: string } };
    expect(result.error).toBeUndefined();
    expect(lead).toMatchObject({ type: 'lead', linkId: link.id, customer: { externalId: 'browser-visitor' } });
    expect(lead.clickId).toMatch(/^clk_[0-9A-Za-z]{23}$/);
    expect(result.cookie).toBe(`lt_id=${lead.clickId}`);
    expect(result.sale).toMatchObject({
      type: 'sale',
      linkId: link.id,
      clickId: lead.clickId,
      amount: 1999,
      currency: 'USD',
    });

    const [click] = await testApp.dataSource.query(
      'SELECT link_id, device, browser, os, is_bot FROM click_events WHERE id = $1',
      [lead.clickId],
    );
    expect(click).toEqual({ link_id: link.id, device: 'desktop', browser: 'Chrome', os: 'Windows', is_bot: false });
    const events = await testApp.dataSource.query(
      `SELECT e.type, e.link_id, e.click_id, e.amount::int AS amount, e.device, c.external_id FROM conversion_events e JOIN customers c ON c.id = e.customer_id
        WHERE e.workspace_id = $1 ORDER BY e.time`,
      [user.workspaceId],
    );
    expect(events).toEqual([
      {
        type: 'lead',
        link_id: link.id,
        click_id: lead.clickId,
        amount: null,
        device: 'desktop',
        external_id: 'browser-visitor',
      },
      {
        type: 'sale',
        link_id: link.id,
        click_id: lead.clickId,
        amount: 1999,
        device: 'desktop',
        external_id: 'browser-visitor',
      },
    ]);
  });

  it('sends nothing for a visitor who did not come through a tracked link', async () => {
    const result = await runInBrowser(`http://localhost:${pagePort}/signup?customer=direct-visitor`);
    expect(result).toEqual({ lead: null, cookie: '' });
    expect(
      await testApp.dataSource.query('SELECT id FROM customers WHERE external_id = $1', ['direct-visitor']),
    ).toEqual([]);
  });

  it('is refused by the browser on an origin the workspace does not allow', async () => {
    const clickResponse = await testApp
      .http()
      .get(`/${link.slug}`)
      .set('Host', `127.0.0.1:${apiPort}`)
      .set('User-Agent', DESKTOP)
      .expect(302);
    const clickId = new URL(clickResponse.headers.location).searchParams.get('lt_id');

    // 127.0.0.1 is another origin than the allowed localhost: the API answers 403 without CORS headers.
    const result = await runInBrowser(`http://127.0.0.1:${pagePort}/signup?customer=foreign-visitor&lt_id=${clickId}`);

    expect(result).toEqual({ error: 'Failed to fetch', status: null });
    expect(
      await testApp.dataSource.query('SELECT id FROM customers WHERE external_id = $1', ['foreign-visitor']),
    ).toEqual([]);
  });
});
