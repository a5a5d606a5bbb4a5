import type { Page } from 'playwright-core';
import { DashboardBrowser, describeWithChromium, openDashboard, signUpInBrowser } from '../../../test/helpers/chromium';
import { setPlan } from '../../../test/helpers/fixtures';
import type { TestApp } from '../../../test/helpers/test-app';
import { WebhookReceiver } from '../../../test/helpers/webhook-receiver';
import { WebhookDeliveryWorker } from '../src/webhooks/webhook-delivery.worker';

/** The Webhooks page in Chromium, against the built dashboard and a real receiver (like the API keys page's test). */
describeWithChromium('the webhooks page browser test')('dashboard: Webhooks page in Chromium', () => {
  const endpoint = new WebhookReceiver();
  let testApp: TestApp;
  let base: string;
  let dashboard: DashboardBrowser;
  let page: Page;
  let browserErrors: string[];
  const dialog = (name: string) => page.getByRole('dialog', { name });

  beforeAll(async () => {
    await endpoint.start();
    dashboard = await openDashboard('webhooks', {
      env: { WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true', WEBHOOK_POLL_INTERVAL_MS: '0' },
    });
    ({ testApp, base, page, browserErrors } = dashboard);
  }, 180_000);

  afterAll(async () => {
    await dashboard?.close();
    await endpoint.stop();
  });

  it('adds a webhook showing its secret once, sends a test, lists the delivery, replays it, rotates, disables, deletes', async () => {
    const { workspaceId } = await signUpInBrowser(page, base, 'hooks@example.com');
    await setPlan(testApp, workspaceId, 'starter');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'API keys' }).click();
    // Settings: the API keys page links to the Webhooks page (the main navigation stays four entries on phones).
    await page.getByRole('link', { name: 'Webhooks' }).click();
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
    await page.getByText('No webhooks yet').waitFor();
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const create = dialog('Add webhook');
    await create.getByRole('button', { name: 'Add webhook' }).click();
    await create.getByText('Choose at least one event').waitFor();
    await create.getByLabel('URL').fill(endpoint.url);
    await create.getByLabel('link.created').check();
    await create.getByRole('button', { name: 'Add webhook' }).click();
    const shown = dialog('Your webhook signing secret');
    const secret = await shown.getByLabel('Signing secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await shown.getByRole('button', { name: 'I have saved the secret' }).click();
    expect(await page.content()).not.toContain(secret);

    await page.getByRole('button', { name: 'Send test' }).click();
    // The event is queued once the page says so; only then can the deliveries list hold it.
    await page.getByRole('status').getByText('Test event queued').waitFor();
    await page.getByRole('button', { name: 'Deliveries' }).click();
    const deliveries = dialog('Deliveries');
    await deliveries.getByText('webhook.test').waitFor();
    await testApp.app.get(WebhookDeliveryWorker).runOnce();
    await deliveries.getByRole('button', { name: 'Refresh' }).click();
    await deliveries.locator('.delivery-status', { hasText: 'delivered' }).waitFor();
    expect(endpoint.received).toHaveLength(1);
    await deliveries.getByRole('button', { name: 'Replay' }).click();
    await deliveries.locator('.delivery-status', { hasText: 'pending' }).waitFor();
    await testApp.app.get(WebhookDeliveryWorker).runOnce();
    expect(endpoint.received.map((hit) => hit.headers['webhook-id'])).toEqual([
      endpoint.received[0].headers['webhook-id'],
      endpoint.received[0].headers['webhook-id'],
    ]);
    await deliveries.getByRole('button', { name: 'Done' }).click();

    await page.getByRole('button', { name: 'Rotate secret' }).click();
    const rotated = await dialog('Your new signing secret').getByLabel('Signing secret').inputValue();
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    await dialog('Your new signing secret').getByRole('button', { name: 'I have saved the secret' }).click();

    await page.getByRole('button', { name: 'Disable' }).click();
    await page.getByText('Disabled', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Enable' }).click();
    await page.getByText('Enabled', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Delete' }).click();
    await dialog('Delete webhook?').getByRole('button', { name: 'Delete webhook' }).click();
    await page.getByText('No webhooks yet').waitFor();
    expect(browserErrors).toEqual([]);
  }, 120_000);
});
