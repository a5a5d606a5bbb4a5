import { Injectable } from '@nestjs/common';
import { AppConfig, AppException, InjectRedis } from '@app/common';
import type Redis from 'ioredis';

const WINDOW_MS = 15 * 60_000;
export const LOGIN_LIMITS = { perEmail: 5, perIp: 20, windowMs: WINDOW_MS } as const;

interface Counter {
  count: number;
  resetAt: number;
}

/**
 * Brute-force protection for the login: failed attempts are counted per email and per client IP in a
 * fixed window; past the limit every attempt (even a right password) gets 429 until the window ends.
 * Counters live in Redis when configured, so the limit holds across instances.
 */
@Injectable()
export class LoginAttemptsService {
  private readonly memory = new Map<string, Counter>();

  private readonly keyPrefix: string;

  constructor(
    @InjectRedis() private readonly redis: Redis | null,
    config: AppConfig,
  ) {
    this.keyPrefix = `${config.REDIS_KEY_PREFIX}login:`;
  }

  async assertAllowed(ip: string, email: string): Promise<void> {
    const [byEmail, byIp] = await Promise.all([this.read(`email:${email}`), this.read(`ip:${ip}`)]);
    const blocked = [
      byEmail.count >= LOGIN_LIMITS.perEmail ? byEmail : null,
      byIp.count >= LOGIN_LIMITS.perIp ? byIp : null,
    ].filter((counter): counter is Counter => counter !== null);
    if (blocked.length > 0) {
      const retryAfterMs = Math.max(...blocked.map((counter) => counter.resetAt - Date.now()));
      throw AppException.tooManyRequests(
        `Too many failed login attempts; try again in ${Math.ceil(retryAfterMs / 60_000)} minute(s)`,
        retryAfterMs / 1000,
      );
    }
  }

  async recordFailure(ip: string, email: string): Promise<void> {
    await Promise.all([this.increment(`email:${email}`), this.increment(`ip:${ip}`)]);
  }

  async clearEmail(email: string): Promise<void> {
    if (this.redis) await this.redis.del(`${this.keyPrefix}email:${email}`);
    else this.memory.delete(`email:${email}`);
  }

  private async read(key: string): Promise<Counter> {
    const now = Date.now();
    if (this.redis) {
      const [[, count], [, ttl]] = (await this.redis
        .multi()
        .get(`${this.keyPrefix}${key}`)
        .pttl(`${this.keyPrefix}${key}`)
        .exec()) as [[null, string | null], [null, number]];
      return { count: Number(count ?? 0), resetAt: now + Math.max(0, ttl) };
    }
    const counter = this.memory.get(key);
    return counter && counter.resetAt > now ? counter : { count: 0, resetAt: now };
  }

  private async increment(key: string): Promise<void> {
    if (this.redis) {
      await this.redis
        .multi()
        .incr(`${this.keyPrefix}${key}`)
        .pexpire(`${this.keyPrefix}${key}`, WINDOW_MS, 'NX')
        .exec();
      return;
    }
    const now = Date.now();
    const counter = this.memory.get(key);
    if (!counter || counter.resetAt <= now) this.memory.set(key, { count: 1, resetAt: now + WINDOW_MS });
    else counter.count += 1;
    if (this.memory.size > 100_000) this.sweep(now);
  }

  private sweep(now: number): void {
    for (const [key, counter] of this.memory) if (counter.resetAt <= now) this.memory.delete(key);
  }
}
