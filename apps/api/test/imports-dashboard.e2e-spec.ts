import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { DashboardBrowser, describeWithChromium, openDashboard, signUpInBrowser } from '../../../test/helpers/chromium';
import type { TestApp } from '../../../test/helpers/test-app';

/** The Import page in Chromium, against the built dashboard: dry run first, then the import and its progress. */
describeWithChromium('the import page browser test')('dashboard: Import page in Chromium', () => {
  let testApp: TestApp;
  let base: string;
  let dashboard: DashboardBrowser;
  let page: Page;
  let browserErrors: string[];

  beforeAll(async () => {
    dashboard = await openDashboard('imports', { env: { IMPORT_POLL_INTERVAL_MS: '50' }, timeoutMs: 15_000 });
    ({ testApp, base, page, browserErrors } = dashboard);
  }, 180_000);

  afterAll(async () => {
    await dashboard?.close();
  });

  it('checks a file (dry run report, nothing written), then imports it and shows the progress to the end', async () => {
    await signUpInBrowser(page, base, 'imports@example.com');

    await page.getByRole('link', { name: 'Import links' }).click();
    await page.getByRole('heading', { level: 1, name: 'Import links' }).waitFor();
    await page.getByLabel('CSV file').setInputFiles({
      name: 'bitly.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'link,long_url,title\nhttps://bit.ly/ui-one,https://example.com/one,One\nhttps://bit.ly/ui-two,not a url,Two\n',
      ),
    });
    await page.getByRole('button', { name: 'Check file' }).click();
    await page.getByRole('heading', { name: 'Dry run: bitly export' }).waitFor();
    expect(await page.getByLabel('Dry run counts').textContent()).toBe(
      '2 rows: 1 to create, 0 to update, 0 conflicts, 1 errors',
    );
    const rows = page.getByRole('table', { name: 'What each row would do' }).getByRole('row');
    expect(await rows.nth(1).textContent()).toContain('bit.ly is not a domain of this workspace');
    expect(await rows.nth(2).textContent()).toContain('error');
    const [{ links }] = await testApp.dataSource.query('SELECT count(*)::int AS links FROM links');
    expect(links).toBe(0);

    await page.getByRole('button', { name: 'Run import' }).click();
    await page.getByRole('heading', { name: 'Import completed' }).waitFor();
    expect(await page.getByLabel('Import counts').textContent()).toBe(
      '2 of 2 rows: 1 created, 0 updated, 0 conflicts, 1 errors',
    );
    expect(await page.getByRole('table', { name: 'Rows not imported' }).textContent()).toContain(
      'url must not contain spaces',
    );
    // The report comes through the API in the workspace of the page (X-Workspace-Id), not as a bare link.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the report (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('linktrace-import-report.csv');
    const report = readFileSync(await download.path(), 'utf8');
    expect(report).toContain('ui-one');
    expect(report).toContain('url must not contain spaces');
    const [created] = await testApp.dataSource.query('SELECT slug, url FROM links');
    expect(created).toEqual({ slug: 'ui-one', url: 'https://example.com/one' });
    expect(browserErrors).toEqual([]);
  }, 120_000);
});
