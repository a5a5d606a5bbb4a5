import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

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
