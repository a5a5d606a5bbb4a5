import type { Page } from 'playwright-core';
import { DashboardBrowser, describeWithChromium, openDashboard, signUpInBrowser } from '../../../test/helpers/chromium';
import { setPlan } from '../../../test/helpers/fixtures';
import type { TestApp } from '../../../test/helpers/test-app';

const FINGERPRINT = Array.from({ length: 32 }, (_, index) => (index + 16).toString(16).toUpperCase()).join(':');

/** The link form's social preview and app URL fields, and the domains page's apps, in Chromium. */
describeWithChromium('the deep links and previews browser test')('dashboard: deep links and social previews', () => {
  let testApp: TestApp;
  let base: string;
  let dashboard: DashboardBrowser;
  let page: Page;
  let workspaceId: string;
  let browserErrors: string[];
  const dialog = (name: string) => page.getByRole('dialog', { name });

  beforeAll(async () => {
    dashboard = await openDashboard('experiences', { shortLinks: true });
    ({ testApp, base, page, browserErrors } = dashboard);

    ({ workspaceId } = await signUpInBrowser(page, base, 'experiences@example.com'));
  }, 180_000);

  afterAll(async () => {
    await dashboard?.close();
  });

  afterEach(() => expect(browserErrors).toEqual([]));

  it('shows the social preview section closed on the free plan', async () => {
    await page.getByRole('button', { name: 'Create link' }).click();
    const form = dialog('Create link');
    await form.getByText('Social preview (Starter plan)').click();
    await form.getByText('Social previews open with the Starter plan.').waitFor();
    expect(await form.getByLabel('Preview title').isDisabled()).toBe(true);
    await form.getByRole('button', { name: 'Cancel' }).click();
  });

  it('creates a link with a social preview and an app URL for iOS, errors landing on their fields', async () => {
    await setPlan(testApp, workspaceId, 'starter');
    await page.reload();
    await page.getByRole('button', { name: 'Create link' }).click();
    const form = dialog('Create link');
    await form.getByLabel('Destination URL').fill('https://shop.example.com/spring');
    await form.getByLabel('Slug (optional)').fill('spring');
    await form.getByText('Password, expiry and device targeting').click();
    await form.getByLabel('iOS destination').fill('javascript:alert(1)');
    await form.getByText('Social preview', { exact: true }).click();
    await form.getByLabel('Preview title').fill('"><script>alert(1)</script>');
    await form.getByLabel('Preview image URL').fill('not a url');
    await form.getByRole('button', { name: 'Create link' }).click();
    await form.getByText('iOS destination must be an http(s) address or an app URL such as myapp://path').waitFor();
    await form.getByText('Preview image must be a full http:// or https:// address').waitFor();

    // The client accepts a private address; the API's 400 lands on the field it names.
    await form.getByLabel('iOS destination').fill('myshop://promo/spring');
    await form.getByLabel('Preview image URL').fill('http://192.168.1.20/card.png');
    await form.getByRole('button', { name: 'Create link' }).click();
    await form
      .locator('.field-error', { hasText: 'image must be on a public host, not a private or local address' })
      .waitFor();

    await form.getByLabel('Preview image URL').fill('https://cdn.example.com/card.png');
    await form.getByLabel('Preview description').fill('20% off');
    await form.getByRole('button', { name: 'Create link' }).click();
    await form.waitFor({ state: 'detached' });
    const [row] = await testApp.dataSource.query('SELECT ios, og FROM links WHERE slug = $1', ['spring']);
    expect(row).toEqual({
      ios: 'myshop://promo/spring',
      og: { title: '"><script>alert(1)</script>', description: '20% off', image: 'https://cdn.example.com/card.png' },
    });

    // Edited back: the form shows what was saved, and emptying the preview removes it.
    await page.getByRole('button', { name: 'Edit spring' }).click();
    const edit = dialog('Edit link');
    expect(await edit.getByLabel('Preview title').inputValue()).toBe('"><script>alert(1)</script>');
    await edit.getByLabel('Preview title').fill('');
    await edit.getByLabel('Preview description').fill('');
    await edit.getByLabel('Preview image URL').fill('');
    await edit.getByRole('button', { name: 'Save link' }).click();
    await edit.waitFor({ state: 'detached' });
    const [after] = await testApp.dataSource.query('SELECT og FROM links WHERE slug = $1', ['spring']);
    expect(after.og).toBeNull();
  });

  it('sets a domain’s apps, and the server publishes them', async () => {
    await testApp.dataSource.query(
      `INSERT INTO domains (id, workspace_id, hostname, status, verification_token, verified_at)
       VALUES ('dom_appsdashboard01', $1, 'go.apps-dashboard.com', 'verified', 'token', now())`,
      [workspaceId],
    );
    await page.goto(`${base}/app/domains`);
    await page.getByRole('heading', { level: 1, name: 'Domains' }).waitFor();
    await page.getByText('App deep links (the Apps of a domain) open with the Creator plan.').waitFor();
    expect(await page.getByRole('button', { name: 'Apps for go.apps-dashboard.com' }).isDisabled()).toBe(true);

    await setPlan(testApp, workspaceId, 'creator');
    await page.reload();
    await page.getByRole('button', { name: 'Apps for go.apps-dashboard.com' }).click();
    const form = dialog('Apps for go.apps-dashboard.com');
    await form.getByLabel('Bundle ID').fill('com.example.shop');
    await form.getByLabel('Team ID').fill('abcde12345');
    await form.getByLabel('Package name').fill('com.example.shop');
    await form.getByLabel('SHA-256 certificate fingerprints').fill('AB:CD');
    await form.getByRole('button', { name: 'Save apps' }).click();
    await form.getByText('Team ID is 10 upper-case letters or digits').waitFor();
    await form.getByText('Each fingerprint is 32 upper-case hex pairs separated by colons (AA:BB:…)').waitFor();

    await form.getByLabel('Team ID').fill('ABCDE12345');
    await form.getByLabel('iOS paths').fill('/promo/*, NOT /promo/admin');
    await form.getByLabel('SHA-256 certificate fingerprints').fill(FINGERPRINT);
    await form.getByRole('button', { name: 'Save apps' }).click();
    await form.waitFor({ state: 'detached' });
    await page.getByText('Opens iOS com.example.shop and Android com.example.shop (deep links)').waitFor();

    const association = await testApp
      .http()
      .get('/.well-known/apple-app-site-association')
      .set('Host', 'go.apps-dashboard.com')
      .expect(200);
    expect(JSON.parse(association.text).applinks.details).toEqual([
      {
        appIDs: ['ABCDE12345.com.example.shop'],
        components: [{ '/': '/promo/*' }, { '/': '/promo/admin', exclude: true }],
      },
    ]);
    const assetLinks = await testApp
      .http()
      .get('/.well-known/assetlinks.json')
      .set('Host', 'go.apps-dashboard.com')
      .expect(200);
    expect(JSON.parse(assetLinks.text)[0].target.sha256_cert_fingerprints).toEqual([FINGERPRINT]);
  });
});
