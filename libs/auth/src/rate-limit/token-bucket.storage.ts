import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import type Redis from 'ioredis';

/**
 * Token buckets behind @nestjs/throttler's storage interface. `limit` is the bucket's capacity and `ttl`
 * the time an empty bucket takes to fill again, so the sustained rate is limit/ttl. `totalHits` is the
 * number of tokens in use, which makes the guard's `limit - totalHits` the requests left right now.
 */

function toRecord(allowed: boolean, tokens: number, capacity: number, fillMs: number): ThrottlerStorageRecord {
  const msPerToken = fillMs / capacity;
  return {
    totalHits: capacity - Math.floor(tokens),
    timeToExpire: Math.ceil(((capacity - tokens) * msPerToken) / 1000),
    isBlocked: !allowed,
    timeToBlockExpire: allowed ? 0 : Math.max(1, Math.ceil(((1 - tokens) * msPerToken) / 1000)),
  };
}

/** One process's buckets (no REDIS_URL). Full buckets are forgotten to keep memory bounded. */
export class MemoryTokenBucketStorage implements ThrottlerStorage {
  private readonly buckets = new Map<string, { tokens: number; updatedAt: number }>();
  private readonly sweeper: NodeJS.Timeout;

  constructor() {
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    const now = Date.now();
    const bucket = this.buckets.get(key) ?? { tokens: limit, updatedAt: now };
    bucket.tokens = Math.min(limit, bucket.tokens + ((now - bucket.updatedAt) * limit) / ttl);
    bucket.updatedAt = now;
    const allowed = bucket.tokens >= 1;
    if (allowed) bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    return toRecord(allowed, bucket.tokens, limit, ttl);
  }

  private sweep(): void {
    const now = Date.now();
    // A bucket untouched for 10 minutes is full again for any rate this product allows.
    for (const [key, bucket] of this.buckets) if (now - bucket.updatedAt > 600_000) this.buckets.delete(key);
  }
}

/** Buckets shared by every instance: one atomic Lua script per request, using Redis' clock. */
const TAKE_TOKEN = `
local capacity = tonumber(ARGV[1])
local fill_ms = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil then tokens = capacity; at = now end
tokens = math.min(capacity, tokens + (now - at) * capacity / fill_ms)
local allowed = 0
if tokens >= 1 then tokens = tokens - 1; allowed = 1 end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
redis.call('PEXPIRE', KEYS[1], fill_ms)
return { allowed, tostring(tokens) }
`;

export class RedisTokenBucketStorage implements ThrottlerStorage {
  /** `keyPrefix`: REDIS_KEY_PREFIX, so deployments sharing a Redis keep their own buckets. */
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix = 'lt:',
  ) {
    this.redis.defineCommand('linktraceTakeToken', { numberOfKeys: 1, lua: TAKE_TOKEN });
  }

  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    const run = (this.redis as unknown as Record<string, (...args: unknown[]) => Promise<[number, string]>>)
      .linktraceTakeToken;
    const [allowed, tokens] = await run.call(this.redis, `${this.keyPrefix}rl:${key}`, limit, ttl);
    return toRecord(allowed === 1, Number(tokens), limit, ttl);
  }
}
