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
 * Checks both counters and, when neither is at its limit, counts the attempt in both: one atomic step,
 * so parallel attempts on any instance can never all pass the check before one of them is counted.
 * Answers { allowed, milliseconds until the blocking counters reset }.
 */
const RESERVE_ATTEMPT = `
local email_limit = tonumber(ARGV[1])
local ip_limit = tonumber(ARGV[2])
local by_email = tonumber(redis.call('GET', KEYS[1]) or '0')
local by_ip = tonumber(redis.call('GET', KEYS[2]) or '0')
if by_email >= email_limit or by_ip >= ip_limit then
  local wait = 0
  if by_email >= email_limit then wait = math.max(wait, redis.call('PTTL', KEYS[1])) end
  if by_ip >= ip_limit then wait = math.max(wait, redis.call('PTTL', KEYS[2])) end
  return { 0, wait }
end
for _, key in ipairs(KEYS) do
  redis.call('INCR', key)
  redis.call('PEXPIRE', key, ARGV[3], 'NX')
end
return { 1, 0 }
`;

/** A successful login: the email's failures are forgotten and the attempt no longer counts against the IP. */
const RELEASE_ATTEMPT = `
redis.call('DEL', KEYS[1])
if tonumber(redis.call('GET', KEYS[2]) or '0') > 0 then redis.call('DECR', KEYS[2]) end
return 1
`;

type Scripts = {
  linktraceReserveLogin(emailKey: string, ipKey: string, ...limits: number[]): Promise<[number, number]>;
  linktraceReleaseLogin(emailKey: string, ipKey: string): Promise<number>;
};

/**
 * Brute-force protection for the login, per email and per client IP in a fixed window: an attempt is
 * counted before its password is hashed, and a successful one is taken back. Past the limit every attempt
 * (even a right password) gets 429 until the window ends, without hashing anything. Counters live in Redis
 * when configured, so the limit holds across instances.
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
    redis?.defineCommand('linktraceReserveLogin', { numberOfKeys: 2, lua: RESERVE_ATTEMPT });
    redis?.defineCommand('linktraceReleaseLogin', { numberOfKeys: 2, lua: RELEASE_ATTEMPT });
  }

  /** Counts an attempt, or throws 429 when the email or the IP is locked out (nothing counted then). */
  async reserve(ip: string, email: string): Promise<void> {
    const retryAfterMs = this.redis
      ? await this.reserveInRedis(ip, email)
      : this.reserveInMemory(`email:${email}`, `ip:${ip}`);
    if (retryAfterMs === null) return;
    throw AppException.tooManyRequests(
      `Too many failed login attempts; try again in ${Math.max(1, Math.ceil(retryAfterMs / 60_000))} minute(s)`,
      retryAfterMs / 1000,
    );
  }

  /** The attempt reserved for this login succeeded. */
  async succeeded(ip: string, email: string): Promise<void> {
    if (this.redis) {
      await (this.redis as unknown as Scripts).linktraceReleaseLogin(this.key(`email:${email}`), this.key(`ip:${ip}`));
      return;
    }
    this.memory.delete(`email:${email}`);
    const byIp = this.memory.get(`ip:${ip}`);
    if (byIp && byIp.count > 0) byIp.count -= 1;
  }

  private key(name: string): string {
    return `${this.keyPrefix}${name}`;
  }

  /** null when the attempt is counted, else the milliseconds until the lock-out ends. */
  private async reserveInRedis(ip: string, email: string): Promise<number | null> {
    const [allowed, waitMs] = await (this.redis as unknown as Scripts).linktraceReserveLogin(
      this.key(`email:${email}`),
      this.key(`ip:${ip}`),
      LOGIN_LIMITS.perEmail,
      LOGIN_LIMITS.perIp,
      WINDOW_MS,
    );
    return allowed === 1 ? null : Math.max(0, waitMs);
  }

  /** Synchronous from check to count, so it is atomic within the one process that holds the counters. */
  private reserveInMemory(emailKey: string, ipKey: string): number | null {
    const now = Date.now();
    const byEmail = this.current(emailKey, now);
    const byIp = this.current(ipKey, now);
    const blocked = [
      byEmail.count >= LOGIN_LIMITS.perEmail ? byEmail : null,
      byIp.count >= LOGIN_LIMITS.perIp ? byIp : null,
    ].filter((counter): counter is Counter => counter !== null);
    if (blocked.length > 0) return Math.max(...blocked.map((counter) => counter.resetAt - now));
    byEmail.count += 1;
    byIp.count += 1;
    this.memory.set(emailKey, byEmail);
    this.memory.set(ipKey, byIp);
    if (this.memory.size > 100_000) this.sweep(now);
    return null;
  }

  private current(key: string, now: number): Counter {
    const counter = this.memory.get(key);
    return counter && counter.resetAt > now ? counter : { count: 0, resetAt: now + WINDOW_MS };
  }

  private sweep(now: number): void {
    for (const [key, counter] of this.memory) if (counter.resetAt <= now) this.memory.delete(key);
  }
}
