import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { chromium, Page } from 'playwright-core';
import { freePort } from './free-port';
import { startTestApp, TestApp } from './test-app';

/** Chromium for the browser tests: CHROMIUM_PATH, else the first chromium / chromium-browser / google-chrome on PATH. */
export const CHROMIUM: string | undefined = [
  process.env.CHROMIUM_PATH,
  ...['chromium', 'chromium-browser', 'google-chrome'].flatMap((name) =>
    (process.env.PATH ?? '').split(delimiter).map((folder) => join(folder, name)),
  ),
].find((path) => path && existsSync(path));

const HOW_TO_GET_IT = 'install it with `apt-get install -y chromium` (Debian, Ubuntu), or set CHROMIUM_PATH';

/**
 * `describe` for tests that drive Chromium. Without it they are skipped with one line saying how to get it,
 * except in CI (CI=true, which installs it), where a missing Chromium fails the run instead of hiding the tests.
 */
export function describeWithChromium(what: string): jest.Describe {
  if (CHROMIUM) return describe;
  if (process.env.CI) throw new Error(`Chromium is missing for ${what}: ${HOW_TO_GET_IT}`);
  process.stderr.write(`Skipping ${what}: no Chromium found; ${HOW_TO_GET_IT}\n`);
  return describe.skip;
}

const ROOT = join(__dirname, '../..');

/** Builds the dashboard from the current sources into `outDir` (a folder of its own: apps/dashboard/dist is left alone). */
export function buildDashboard(outDir: string): void {
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      join(ROOT, 'apps/dashboard/vite.config.mts'),
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { cwd: ROOT, stdio: 'inherit' },
  );
}

/** The app serving a freshly built dashboard, and one Chromium page on it (openDashboard). */
export interface DashboardBrowser {
  testApp: TestApp;
  /** `http://127.0.0.1:<port>`: the dashboard and the API. */
  base: string;
  page: Page;
  /** Errors thrown in the page. */
  browserErrors: string[];
  close(): Promise<void>;
}

/**
 * Builds the dashboard, serves it from a test app listening on a port of its own (PUBLIC_URL there; with
 * `shortLinks`, the short links on that host too, so a test can follow a link it made; `env` added), and opens
 * headless Chromium on it with a fresh profile, `timeoutMs` for every wait.
 */
export async function openDashboard(
  name: string,
  options: { env?: Record<string, string>; shortLinks?: boolean; timeoutMs?: number } = {},
): Promise<DashboardBrowser> {
  const distDirectory = mkdtempSync(join(tmpdir(), `linktrace-${name}-dashboard-`));
  const userDataDirectory = mkdtempSync(join(tmpdir(), 'linktrace-chromium-'));
  buildDashboard(distDirectory);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const testApp = await startTestApp({
    PUBLIC_URL: base,
    ...(options.shortLinks && { SHORT_DOMAIN: `127.0.0.1:${port}` }),
    DASHBOARD_DIR: distDirectory,
    ...options.env,
  });
  await testApp.app.listen(port, '127.0.0.1');
  const context = await chromium.launchPersistentContext(userDataDirectory, {
    executablePath: CHROMIUM!,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    viewport: { width: 1280, height: 860 },
  });
  context.setDefaultTimeout(options.timeoutMs ?? 10_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const browserErrors: string[] = [];
  page.on('pageerror', (error) => browserErrors.push(error.message));
  return {
    testApp,
    base,
    page,
    browserErrors,
    async close() {
      await context.close();
      await testApp.close();
      rmSync(userDataDirectory, { recursive: true, force: true });
      rmSync(distDirectory, { recursive: true, force: true });
    },
  };
}

/**
 * Signs up through the dashboard's own form as `email` (the password every dashboard spec uses), waits for the
 * Links page, and returns the session's user and workspace as `/api/auth/me` gives them.
 */
export async function signUpInBrowser(
  page: Page,
  base: string,
  email: string,
): Promise<{ id: string; workspaceId: string }> {
  await page.goto(`${base}/app/signup`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('correct horse battery');
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.getByRole('heading', { level: 1, name: 'Links' }).waitFor();
  return page.evaluate(
    async () => (await fetch('/api/auth/me')).json() as Promise<{ id: string; workspaceId: string }>,
  );
}
