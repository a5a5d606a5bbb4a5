import Redis from 'ioredis';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

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
