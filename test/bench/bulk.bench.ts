/**
 * Bulk creation benchmark: `npm run bench:bulk`.
 *
 * Boots the app in-process on the embedded database (PGlite; on a fresh PostgreSQL database instead when
 * DATABASE_URL is set), then times BENCH_REQUESTS (30) calls of `POST /api/v1/links/bulk` with 100 links each
 * (random slugs, a title, UTM fields: what an integration sends), after BENCH_WARMUP (3) untimed calls, and
 * prints p50 and p95. Target: p95 under 250 ms on the embedded database. For scale on a busy machine, the same
 * 100 links sent as 100 single `POST /api/v1/links` calls (BENCH_SINGLE_ROUNDS times, default 3) are timed too.
 */
import { performance } from 'node:perf_hooks';
import { bearer, createKey, setPlan, signUp } from '../helpers/fixtures';
import { startTestApp } from '../helpers/test-app';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 30);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const LINKS_PER_REQUEST = 100;
const TARGET_P95_MS = 250;
const SINGLE_ROUNDS = Number(process.env.BENCH_SINGLE_ROUNDS ?? 3);

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

async function main(): Promise<void> {
  const testApp = await startTestApp({
    SHORT_DOMAIN: 'lt.test',
    PUBLIC_URL: 'https://app.lt.test',
    COOKIE_SECURE: 'false',
  });
  try {
    const user = await signUp(testApp);
    await setPlan(testApp, user.workspaceId, 'agency');
    const { key } = await createKey(user, { scopes: ['links'], rateLimit: 100_000 });
    const body = (round: number) => ({
      links: Array.from({ length: LINKS_PER_REQUEST }, (_, index) => ({
        url: `https://example.com/products/${round}/${index}?ref=bench`,
        title: `Product ${round}-${index}`,
        utm_source: 'newsletter',
        utm_campaign: `round-${round}`,
      })),
    });

    const durations: number[] = [];
    for (let round = 0; round < WARMUP + REQUESTS; round++) {
      const started = performance.now();
      const response = await testApp.http().post('/api/v1/links/bulk').set(bearer(key)).send(body(round));
      const elapsed = performance.now() - started;
      const created = (response.body.results ?? []).filter((result: { status: number }) => result.status === 201);
      if (response.status !== 200 || created.length !== LINKS_PER_REQUEST)
        throw new Error(
          `Round ${round}: ${response.status}, ${created.length} created: ${JSON.stringify(response.body).slice(0, 500)}`,
        );
      if (round >= WARMUP) durations.push(elapsed);
    }

    const singleDurations: number[] = [];
    for (let round = 0; round < SINGLE_ROUNDS; round++) {
      const started = performance.now();
      for (const link of body(WARMUP + REQUESTS + round).links)
        await testApp.http().post('/api/v1/links').set(bearer(key)).send(link).expect(201);
      singleDurations.push(performance.now() - started);
    }

    durations.sort((a, b) => a - b);
    const p50 = percentile(durations, 0.5);
    const p95 = percentile(durations, 0.95);
    const database = process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite';
    process.stdout.write(
      `POST /api/v1/links/bulk, ${LINKS_PER_REQUEST} links, ${REQUESTS} requests on ${database}: ` +
        `p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${durations.at(-1)!.toFixed(1)} ms ` +
        `(target p95 < ${TARGET_P95_MS} ms: ${p95 < TARGET_P95_MS ? 'met' : 'NOT met'})\n`,
    );
    if (singleDurations.length > 0) {
      singleDurations.sort((a, b) => a - b);
      process.stdout.write(
        `The same ${LINKS_PER_REQUEST} links as single POST /api/v1/links calls: median ` +
          `${percentile(singleDurations, 0.5).toFixed(1)} ms per ${LINKS_PER_REQUEST} (${SINGLE_ROUNDS} rounds)\n`,
      );
    }
  } finally {
    await testApp.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
