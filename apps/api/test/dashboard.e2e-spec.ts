import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { TestDnsServer } from '../../../test/helpers/dns-server';
import { createKey, setPlan, signUp } from '../../../test/helpers/fixtures';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';
import { ClickRecorder } from '../src/clicks/click-recorder.service';
import { freePort } from '../../../test/helpers/free-port';
import { buildDashboard, CHROMIUM, describeWithChromium } from '../../../test/helpers/chromium';

const ROOT = join(__dirname, '../../..');
const SCREENSHOTS = join(ROOT, 'test-artifacts/screenshots');
/** A desktop Chrome's user agent: headless Chromium announces itself as HeadlessChrome, which counts as a bot. */
const BROWSER_USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * One app for the whole file (booting costs more than everything else): the dashboard is built into its
 * DASHBOARD_DIR by the second test, so the first sees the server without a build.
 */
describe('dashboard', () => {
  const dnsServer = new TestDnsServer();
  let testApp: TestApp;
  let base: string;
  let port: number;
  let landing: Server;
  let landingPort: number;
  let distDirectory: string;
  let userDataDirectory: string;
  let context: BrowserContext;
  let page: Page;
  const browserErrors: string[] = [];
  /** Every answer of 400 or more the browser got; a test takes out the ones its user caused (expectFailures). */
  let failedRequests: string[] = [];
  let key = '';
  let rotatedKey = '';

  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const bearerGet = (path: string, apiKey: string) =>
    fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${apiKey}` } });
  const heading = (name: string) => page.getByRole('heading', { level: 1, name });
  const dialog = (name: string) => page.getByRole('dialog', { name });
  const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
  const keyRow = (name: string) => page.locator('tr', { has: page.getByText(name, { exact: true }) });

  beforeAll(async () => {
    landing = createServer((_request, response) => response.end('<!doctype html><title>Landing</title><p>Landed</p>'));
    await new Promise<void>((resolve) => landing.listen(0, resolve));
    landingPort = (landing.address() as AddressInfo).port;
    distDirectory = mkdtempSync(join(tmpdir(), 'linktrace-dashboard-build-'));
    await dnsServer.start();
    // The short links must point at this very server (to follow them), so the port is chosen before the app boots.
    port = await freePort();
    base = `http://127.0.0.1:${port}`;
    testApp = await startTestApp({
      PUBLIC_URL: base,
      SHORT_DOMAIN: `127.0.0.1:${port}`,
      DASHBOARD_DIR: distDirectory,
      DNS_SERVERS: dnsServer.address,
    });
    await testApp.app.listen(port, '127.0.0.1');
  });

  afterAll(async () => {
    await testApp?.close();
    await dnsServer.stop();
    await new Promise((resolve) => landing?.close(resolve));
    if (distDirectory) rmSync(distDirectory, { recursive: true, force: true });
  });

  it('answers a 503 page that says how to build the dashboard while it is not built', async () => {
    for (const path of ['/app', '/app/', '/app/links']) {
      const response = await testApp.http().get(path).expect(503);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.text).toContain('npm run build:dashboard');
    }
  });

  it('once built, serves index.html uncached for every dashboard path, and hashed assets cached for a year', async () => {
    // A fresh build of the current sources, in its own folder: a server running from apps/dashboard/dist is left alone.
    buildDashboard(distDirectory);
    const script = /src="(\/app\/assets\/index-[\w-]+\.js)"/.exec(
      readFileSync(join(distDirectory, 'index.html'), 'utf8'),
    )![1];
    for (const path of ['/app', '/app/', '/app/links', '/app/settings/api-keys']) {
      const response = await testApp.http().get(path).expect(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.headers['content-security-policy']).toContain("default-src 'self'");
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(response.text).toContain(script);
    }
    const asset = await testApp.http().get(script).expect(200);
    expect(asset.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    // A missing asset is a 404, never index.html (a browser would run HTML as a script).
    const missing = await testApp.http().get('/app/assets/index-gone.js').expect(404);
    expect(missing.headers['content-type']).toMatch(/^application\/json/);
    expect(missing.body.code).toBe('not_found');
    const traversal = await testApp.http().get('/app/assets/../../package.json');
    expect([403, 404]).toContain(traversal.status);
    expect(traversal.text).not.toContain('"name"');
    // The API keeps its own 404s.
    expect((await testApp.http().get('/api/nothing-here').expect(404)).body.code).toBe('not_found');
  });

  describeWithChromium('the dashboard browser tests')('in Chromium', () => {
    beforeAll(async () => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      userDataDirectory = mkdtempSync(join(tmpdir(), 'linktrace-chromium-'));
      context = await chromium.launchPersistentContext(userDataDirectory, {
        executablePath: CHROMIUM!,
        headless: true,
        args: CHROMIUM_FLAGS,
        viewport: { width: 1280, height: 860 },
        userAgent: BROWSER_USER_AGENT,
      });
      context.setDefaultTimeout(10_000);
      page = context.pages()[0] ?? (await context.newPage());
      page.on('pageerror', (error) => browserErrors.push(error.message));
      page.on('response', (response) => {
        if (response.status() >= 400)
          failedRequests.push(
            `${response.status()} ${response.request().method()} ${new URL(response.url()).pathname}`,
          );
      });
      page.on('console', (message) => {
        if (message.type() === 'error' && !message.text().includes('Failed to load resource'))
          browserErrors.push(message.text());
      });
    });

    afterAll(async () => {
      await context?.close();
      if (userDataDirectory) rmSync(userDataDirectory, { recursive: true, force: true });
    });

    // Failed requests show in the console as "Failed to load resource": each one is a request nobody asked for.
    afterEach(() => {
      expect(browserErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    });

    /** The failed requests this test's user caused (a taken slug, a wrong password), in order; the rest stay. */
    const expectFailures = (expected: string[]) => {
      expect(failedRequests).toEqual(expected);
      failedRequests = [];
    };

    it('signs up, after the form refused an incomplete entry', async () => {
      await page.goto(`${base}/app/signup`);
      await page.getByRole('button', { name: 'Sign up' }).click();
      await expect(page.getByText('Email is required').isVisible()).resolves.toBe(true);
      await page.getByLabel('Email').fill('ada@example.com');
      await page.getByLabel('Password').fill('short');
      await page.getByRole('button', { name: 'Sign up' }).click();
      await page.getByText('Password must be at least 10 characters').waitFor();
      await shot('signup');
      await page.getByLabel('Password').fill('correct horse battery');
      await page.getByLabel('Your name (optional)').fill('Ada Lovelace');
      await page.getByRole('button', { name: 'Sign up' }).click();
      await heading('Links').waitFor();
      expect(new URL(page.url()).pathname).toBe('/app/links');
      await page.getByText('No links yet').waitFor();
    });

    it('creates an API key shown once, lists it by prefix, updates Last used after a Bearer call, renames, rotates and deletes it', async () => {
      await nav('API keys').click();
      await heading('API keys').waitFor();
      await page.getByRole('button', { name: 'Create key' }).click();
      const create = dialog('Create API key');
      await create.getByRole('button', { name: 'Create key' }).click();
      await create.getByText('Name is required').waitFor();
      await create.getByText('Choose at least one scope').waitFor();
      await create.getByLabel('Name').fill('CI key');
      await create.getByLabel('links:read').check();
      await create.getByLabel('analytics:read').check();
      await create.getByRole('button', { name: 'Create key' }).click();

      const shown = dialog('Your new API key');
      key = await shown.getByLabel('API key').inputValue();
      expect(key).toMatch(/^lt_live_[0-9A-Za-z]{32}$/);
      await shown.getByText('It is shown only once').waitFor();
      await shot('api-key-created');
      await shown.getByRole('button', { name: 'I have saved the key' }).click();

      const row = keyRow('CI key');
      await row.getByText(`${key.slice(0, 12)}****`).waitFor();
      expect(await row.locator('.last-used').textContent()).toBe('Never');
      expect(await row.textContent()).toContain('links:read');
      expect(await page.content()).not.toContain(key); // shown once: gone with its dialog

      expect((await bearerGet('/api/v1/links', key)).status).toBe(200);
      // lastUsedAt is written after the response; refresh until the list shows it.
      for (let attempt = 0; attempt < 40 && (await row.locator('.last-used').textContent()) === 'Never'; attempt++) {
        await page.getByRole('button', { name: 'Refresh' }).click();
        await page.waitForTimeout(250);
      }
      expect(await row.locator('.last-used').textContent()).toBe('Just now');
      await shot('api-keys');

      await page.getByRole('button', { name: 'Rename CI key' }).click();
      await dialog('Rename API key').getByLabel('New name').fill('CI deploys');
      await dialog('Rename API key').getByRole('button', { name: 'Save name' }).click();
      await keyRow('CI deploys').waitFor();

      await page.getByRole('button', { name: 'Rotate CI deploys' }).click();
      const rotate = dialog('Rotate “CI deploys”');
      await rotate.getByLabel('Old key').selectOption('0');
      await rotate.getByRole('button', { name: 'Rotate key' }).click();
      const rotated = dialog('Your rotated API key');
      rotatedKey = await rotated.getByLabel('API key').inputValue();
      expect(rotatedKey).toMatch(/^lt_live_/);
      expect(rotatedKey).not.toBe(key);
      await rotated.getByRole('button', { name: 'I have saved the key' }).click();
      expect((await bearerGet('/api/v1/links', key)).status).toBe(401);
      expect((await bearerGet('/api/v1/links', rotatedKey)).status).toBe(200);
      await keyRow('CI deploys')
        .getByText(`${rotatedKey.slice(0, 12)}****`)
        .waitFor();

      await page.getByRole('button', { name: 'Delete CI deploys' }).click();
      await dialog('Delete API key?').getByRole('button', { name: 'Delete key' }).click();
      await page.getByText('No API keys yet').waitFor();
      const revoked = await bearerGet('/api/v1/links', rotatedKey);
      expect(revoked.status).toBe(401);
      expect(((await revoked.json()) as { code: string }).code).toBe('api_key_revoked');
    });

    it('creates a link, shows the API error for a taken slug, shows its QR code, filters, and follows it', async () => {
      await nav('Links').click();
      await heading('Links').waitFor();
      await page.getByRole('button', { name: 'Create link' }).click();
      const form = dialog('Create link');
      await form.getByRole('button', { name: 'Create link' }).click();
      await form.getByText('Destination URL is required').waitFor();
      await form.getByLabel('Destination URL').fill('not a url');
      await form.getByRole('button', { name: 'Create link' }).click();
      await form.getByText('Destination URL must be a full http:// or https:// address').waitFor();
      // The destination is a page of this test (another port: one on the app's own would be a redirect loop).
      const destination = `http://localhost:${landingPort}/landing`;
      await form.getByLabel('Destination URL').fill(destination);
      await form.getByLabel('Slug (optional)').fill('hello-world');
      await form.getByLabel('Title (optional)').fill('Hello');
      await form.getByText('Password, expiry and device targeting (Starter plan)').click();
      await form.getByText('Password protection, expiry and device targeting open with the Starter plan.').waitFor();
      expect(await form.getByLabel('Password').isDisabled()).toBe(true);
      await form.getByRole('button', { name: 'Create link' }).click();

      const row = page.locator('tr', { has: page.getByText(`127.0.0.1:${port}/hello-world`, { exact: true }) });
      await row.waitFor();
      expect(await row.locator('.clicks').textContent()).toBe('0');
      await shot('links');

      await page.getByRole('button', { name: 'Create link' }).click();
      const again = dialog('Create link');
      await again.getByLabel('Destination URL').fill('https://example.com/');
      await again.getByLabel('Slug (optional)').fill('hello-world');
      await again.getByRole('button', { name: 'Create link' }).click();
      await again.getByText(`Slug "hello-world" is already in use on 127.0.0.1:${port}`).waitFor();
      expectFailures(['409 POST /api/v1/links']);
      await again.getByRole('button', { name: 'Cancel' }).click();

      await page.getByRole('button', { name: 'QR code for hello-world' }).click();
      const image = dialog('QR code').getByRole('img', { name: `QR code for ${base}/hello-world` });
      await image.waitFor();
      // Decoded from the API's SVG: a 512-pixel image, not a broken one.
      const naturalWidth = await image.evaluate(async (element) => {
        const img = element as unknown as { decode(): Promise<void>; naturalWidth: number };
        await img.decode();
        return img.naturalWidth;
      });
      expect(naturalWidth).toBe(512);
      await shot('qr-code');
      await dialog('QR code').getByRole('button', { name: 'Close' }).click();

      await page.getByLabel('Search links').fill('no-such-link');
      await page.getByText('No link matches these filters.').waitFor();
      await page.getByLabel('Search links').fill('hello');
      await row.waitFor();

      // Following the short link: the redirect sends the browser to the destination (the test's landing page).
      await page.goto(`${base}/hello-world`);
      expect(page.url()).toBe(destination);
      expect(await page.textContent('body')).toContain('Landed');
      await page.goto(`${base}/app/links`);
    });

    it('shows the click on the analytics screen: the overview on the free plan, then chart and panels on starter', async () => {
      // The click of following the short link above, written as the recorder's next batch would write it.
      await testApp.app.get(ClickRecorder).flush();
      await nav('Analytics').click();
      await heading('Analytics').waitFor();
      const overview = page.getByLabel('Overview');
      await overview.getByLabel('Clicks').getByText('1', { exact: true }).waitFor();
      await overview.getByLabel('Unique visitors').getByText('1', { exact: true }).waitFor();
      // A free workspace: the chart and the panels say which plan opens them, once for the page.
      await page.locator('.notice.plan', { hasText: 'requires the starter plan' }).waitFor();
      expect(await page.getByText('Opens with the Starter plan.').count()).toBe(5);
      // One click now, none in the 7 days before: the change says so rather than a bare "new".
      await overview.getByLabel('Clicks').getByText('new (none in the previous period)').waitFor();
      await shot('analytics-free');

      // The signed-in browser's workspace (its session cookie goes with a same-origin fetch).
      const me = await page.evaluate(
        async () => (await fetch('/api/auth/me')).json() as Promise<{ workspaceId: string }>,
      );
      await setPlan(testApp, me.workspaceId, 'starter');
      await page.reload();
      await heading('Analytics').waitFor();
      await page.getByRole('img', { name: 'Clicks over time' }).waitFor();
      expect(await page.locator('.notice.plan').count()).toBe(0);
      const technology = page.locator('.card', { has: page.getByRole('heading', { name: 'Technology' }) });
      await technology.getByRole('tab', { name: 'Browsers' }).click();
      await technology
        .getByRole('table', { name: 'Browsers' })
        .locator('.bar-row', { hasText: 'Chrome' })
        .getByText('1', { exact: true })
        .first()
        .waitFor();
      const traffic = page.locator('.card', { has: page.getByRole('heading', { name: 'Traffic' }) });
      await traffic.getByRole('tab', { name: 'Links' }).click();
      await traffic.getByRole('table', { name: 'Links' }).getByText('/hello-world').waitFor();
      // One click at most per bucket: the axis counts 0 and 1, never halves rounded (0, 1, 1).
      expect(await page.getByRole('img', { name: 'Clicks over time' }).locator('.y-tick').allTextContents()).toEqual([
        '0',
        '1',
      ]);
      // The click of a moment ago in the last 30 minutes, read from the stored clicks.
      await page.getByLabel('Clicks in the last 30 minutes').getByText('1', { exact: true }).waitFor();
      await shot('analytics');
    });

    it('fits a 390-pixel phone: no sideways scrolling, every field and action of the links table on screen', async () => {
      const width = 390;
      await page.setViewportSize({ width, height: 844 });
      // The page's width, and what sticks out past the screen (to say which element to fix when it fails).
      const fitsSideways = () =>
        page.evaluate<{ scrollWidth: number; sticksOut: string[] }>(`({
          scrollWidth: document.documentElement.scrollWidth,
          sticksOut: [...document.querySelectorAll('body *')]
            .filter((element) => element.getBoundingClientRect().right > ${width} + 0.5)
            .slice(0, 5)
            .map((element) => element.tagName.toLowerCase() + (element.className ? '.' + element.className : '')),
        })`);
      const fits = { scrollWidth: width, sticksOut: [] };
      try {
        for (const [path, title] of [
          ['/app/analytics', 'Analytics'],
          ['/app/settings/api-keys', 'API keys'],
          ['/app/domains', 'Domains'],
          ['/app/links', 'Links'],
        ]) {
          await page.goto(`${base}${path}`);
          await heading(title).waitFor();
          // Polled from the test, not the page: a string waitForFunction is an eval the dashboard's CSP refuses.
          await page.locator('.spinner').first().waitFor({ state: 'detached' });
          expect({ path, ...(await fitsSideways()) }).toEqual({ path, ...fits });
          await shot(`phone-${path.split('/').pop()}`);
        }
        const row = page.locator('tr', { hasText: 'hello-world' });
        const onScreen = async (element: ReturnType<Page['locator']>) => {
          const box = (await element.boundingBox())!;
          return box.x >= 0 && box.x + box.width <= width;
        };
        for (const name of ['Copy', 'Edit hello-world', 'QR code for hello-world', 'Delete hello-world'])
          expect({ name, onScreen: await onScreen(row.getByRole('button', { name })) }).toEqual({
            name,
            onScreen: true,
          });
        expect(await onScreen(row.locator('.clicks'))).toBe(true);
        expect(await row.locator('.clicks').textContent()).toBe('1');
        await row.getByRole('button', { name: 'Edit hello-world' }).click();
        await dialog('Edit link').getByLabel('Destination URL').waitFor();
        expect(await fitsSideways()).toEqual(fits);
        await shot('phone-edit-link');
        await dialog('Edit link').getByRole('button', { name: 'Cancel' }).click();
      } finally {
        await page.setViewportSize({ width: 1280, height: 860 });
      }
    });

    it('adds a domain, shows the DNS records to create, and the problems of a failed verification', async () => {
      await nav('Domains').click();
      await heading('Domains').waitFor();
      await page.getByLabel('Domain').fill('https://go.example.com');
      await page.getByRole('button', { name: 'Add domain' }).click();
      await page.getByText('Enter only the host name').waitFor();
      await page.getByLabel('Domain').fill('go.example.com');
      await page.getByRole('button', { name: 'Add domain' }).click();
      await page.getByRole('heading', { name: 'Create these DNS records for go.example.com' }).waitFor();
      const records = page.locator('.card', { hasText: 'Create these DNS records' }).locator('tbody tr');
      expect(await records.count()).toBe(2);
      expect((await records.allTextContents()).join(' ')).toMatch(/TXT.*_linktrace/);
      await page.getByRole('button', { name: 'Verify go.example.com' }).click();
      await page.getByText('Not verified yet.').waitFor();
      expect(await page.locator('.problems li').count()).toBeGreaterThan(0);
      await shot('domains');
    });

    it('switches workspace (remembered across reloads), logs out, refuses a wrong password, logs in', async () => {
      await nav('Links').click();
      await page.getByLabel('Workspace').selectOption('__new');
      await dialog('New workspace').getByLabel('Workspace name').fill('Second workspace');
      await dialog('New workspace').getByRole('button', { name: 'Create workspace' }).click();
      await page.getByText('No links yet').waitFor();
      expect(await page.getByLabel('Workspace').locator('option:checked').textContent()).toBe(
        'Second workspace (free)',
      );
      await page.reload();
      await page.getByText('No links yet').waitFor();
      expect(await page.getByLabel('Workspace').locator('option:checked').textContent()).toBe(
        'Second workspace (free)',
      );
      await page.getByLabel('Workspace').selectOption({ index: 0 });
      await page.locator('tr', { hasText: 'hello-world' }).waitFor();

      await page.getByRole('button', { name: 'Log out' }).click();
      await page.getByRole('heading', { name: 'Log in' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/app/login');
      await page.getByLabel('Email').fill('ada@example.com');
      await page.getByLabel('Password').fill('wrong password!');
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.getByText('Invalid email or password').waitFor();
      expectFailures(['401 POST /api/auth/login']);
      await shot('login');
      await page.getByLabel('Password').fill('correct horse battery');
      await page.getByRole('button', { name: 'Log in' }).click();
      await heading('Links').waitFor();
    });

    it('offers a member rename, rotate and delete only on the keys they may manage', async () => {
      const owner = await signUp(testApp);
      await createKey(owner, { name: "Owner's key", scopes: ['links'] });
      const member = await signUp(testApp);
      // The member's only workspace is the owner's, so the dashboard opens it.
      await testApp.dataSource.query('DELETE FROM memberships WHERE user_id = $1', [member.userId]);
      await testApp.dataSource.query(
        `INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, 'member')`,
        [owner.workspaceId, member.userId],
      );
      await member.agent
        .post('/api/settings/api-keys')
        .set('X-Workspace-Id', owner.workspaceId)
        .set('X-CSRF-Token', member.csrf)
        .send({ name: 'Member key', scopes: ['links'] })
        .expect(201);

      await page.getByRole('button', { name: 'Log out' }).click();
      await page.getByLabel('Email').fill(member.email);
      await page.getByLabel('Password').fill(member.password);
      await page.getByRole('button', { name: 'Log in' }).click();
      await heading('Links').waitFor();
      await nav('API keys').click();
      await keyRow('Member key').waitFor();
      await expect(page.getByRole('button', { name: 'Rotate Member key' }).isVisible()).resolves.toBe(true);
      await expect(keyRow("Owner's key").getByText('Managed by its owner').isVisible()).resolves.toBe(true);
      for (const action of ['Rename', 'Rotate', 'Delete'])
        expect(await page.getByRole('button', { name: `${action} Owner's key` }).count()).toBe(0);
    });
  });
});
