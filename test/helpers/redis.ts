import { spawnSync } from 'node:child_process';

/** Redis of the Redis-backed tests. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * `describe` when Redis answers, `describe.skip` (with a note) when it does not; with REQUIRE_REDIS=1 (CI)
 * an unreachable Redis fails the file instead. Checked synchronously: Jest decides on skips at collection.
 */
export function describeWithRedis(): jest.Describe {
  return redisAnswers() ? describe : describe.skip;
}

/** Whether the test Redis answers (the same rules as describeWithRedis), for suites that add a Redis variant. */
export function redisAnswers(): boolean {
  const { hostname, port } = new URL(TEST_REDIS_URL);
  const probe = spawnSync(
    process.execPath,
    [
      '-e',
      `const s=require('net').connect(${Number(port || 6379)},${JSON.stringify(hostname)});s.setTimeout(1000);s.on('connect',()=>process.exit(0));s.on('error',()=>process.exit(1));s.on('timeout',()=>process.exit(1));`,
    ],
    { timeout: 3_000 },
  );
  if (probe.status === 0) return true;
  if (process.env.REQUIRE_REDIS === '1')
    throw new Error(`Redis is unreachable at ${TEST_REDIS_URL} and REQUIRE_REDIS=1`);
  console.warn(
    `Skipping Redis-backed tests: no Redis at ${TEST_REDIS_URL} (set TEST_REDIS_URL, or REQUIRE_REDIS=1 to fail instead)`,
  );
  return false;
}
