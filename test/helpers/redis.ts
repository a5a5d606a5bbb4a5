import { spawnSync } from 'node:child_process';
import Redis from 'ioredis';

/** Redis of the Redis-backed tests. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * `describe` when Redis answers, `describe.skip` (with a note) when it does not; with REQUIRE_REDIS=1 (CI)
 * an unreachable Redis fails the file instead. Checked synchronously: Jest decides on skips at collection.
 */
export function describeWithRedis(): jest.Describe {
  const { hostname, port } = new URL(TEST_REDIS_URL);
  const probe = spawnSync(
    process.execPath,
    ['-e', `const s=require('net').connect(${Number(port || 6379)},${JSON.stringify(hostname)});s.setTimeout(1000);s.on('connect',()=>process.exit(0));s.on('error',()=>process.exit(1));s.on('timeout',()=>process.exit(1));`],
    { timeout: 3_000 },
  );
  if (probe.status === 0) return describe;
  if (process.env.REQUIRE_REDIS === '1') throw new Error(`Redis is unreachable at ${TEST_REDIS_URL} and REQUIRE_REDIS=1`);
  console.warn(`Skipping Redis-backed tests: no Redis at ${TEST_REDIS_URL} (set TEST_REDIS_URL, or REQUIRE_REDIS=1 to fail instead)`);
  return describe.skip;
}

/**
 * Whether the test Redis answers. Redis-backed specs skip when it does not — unless REQUIRE_REDIS=1
 * (CI), where an unreachable Redis fails the run instead of silently skipping.
 */
export async function redisAvailable(): Promise<boolean> {
  const client = new Redis(TEST_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000, retryStrategy: () => null });
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch (error) {
    if (process.env.REQUIRE_REDIS === '1') throw new Error(`REQUIRE_REDIS=1 but Redis at ${TEST_REDIS_URL} is unreachable: ${(error as Error).message}`, { cause: error });
    return false;
  } finally {
    client.disconnect();
  }
}
