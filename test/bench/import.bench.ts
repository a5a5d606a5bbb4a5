/**
 * Import benchmark: `npm run bench:import`.
 *
 * Boots the app in-process on the embedded database (PGlite; on a fresh PostgreSQL database instead when
 * DATABASE_URL is set), uploads a LinkTrace CSV of BENCH_IMPORT_ROWS (100,000) rows — URL, slug, title, two tags, a
 * folder, an external id — and runs the import job to its end on this instance, then prints the upload time, the
 * job's time and rows per second, with the machine's load. Target: 100,000 rows in under 60 s.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { bearer, createKey, setPlan, signUp } from '../helpers/fixtures';
import { startTestApp } from '../helpers/test-app';
import { ImportWorker } from '../../apps/api/src/imports/import.worker';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const TARGET_MS = 60_000;

async function main(): Promise<void> {
  const testApp = await startTestApp({
    SHORT_DOMAIN: 'lt.test',
    PUBLIC_URL: 'https://app.lt.test',
    COOKIE_SECURE: 'false',
    IMPORT_POLL_INTERVAL_MS: '0',
  });
  try {
    const user = await signUp(testApp);
    await setPlan(testApp, user.workspaceId, 'agency');
    // The agency plan creates 50,000 links a month: the bench starts the month 100,000 under it, so no row is refused.
    await testApp.dataSource.query(
      `INSERT INTO workspace_usage (workspace_id, month, links_created)
       VALUES ($1, date_trunc('month', now() AT TIME ZONE 'UTC')::date, $2)`,
      [user.workspaceId, -ROWS],
    );
    const { key } = await createKey(user, { scopes: ['links'] });
    const lines = ['url,slug,domain,title,tags,folder,externalId,createdAt'];
    for (let row = 0; row < ROWS; row++)
      lines.push(
        `https://example.com/products/${row}?ref=import,imported-${row},,Product ${row},"catalog,spring",Imports,sku-${row},2025-01-01T00:00:00Z`,
      );
    const file = Buffer.from(lines.join('\n'));

    const uploadStarted = performance.now();
    const queued = await testApp.http().post('/api/v1/imports').set(bearer(key)).attach('file', file, 'links.csv');
    const uploadMs = performance.now() - uploadStarted;
    if (queued.status !== 202) throw new Error(`Upload: ${queued.status} ${JSON.stringify(queued.body).slice(0, 500)}`);

    const runStarted = performance.now();
    await testApp.app.get(ImportWorker).runOnce();
    const runMs = performance.now() - runStarted;
    const done = await testApp.http().get(`/api/v1/imports/${queued.body.id}`).set(bearer(key));
    if (done.body.status !== 'completed' || done.body.counts.created !== ROWS)
      throw new Error(`Import: ${JSON.stringify(done.body).slice(0, 1000)}`);

    const totalMs = uploadMs + runMs;
    const database = process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite';
    process.stdout.write(
      `Import of ${ROWS} rows (${(file.length / 1024 / 1024).toFixed(1)} MB) on ${database}: upload ${(uploadMs / 1000).toFixed(1)} s, ` +
        `job ${(runMs / 1000).toFixed(1)} s (${Math.round(ROWS / (runMs / 1000))} rows/s), total ${(totalMs / 1000).toFixed(1)} s ` +
        `(target < ${TARGET_MS / 1000} s: ${totalMs < TARGET_MS ? 'met' : 'NOT met'}); load average ${loadavg()
          .map((load) => load.toFixed(2))
          .join(' ')}\n`,
    );
  } finally {
    await testApp.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
