import { Injectable } from '@nestjs/common';
import { InjectThrottlerStorage, ThrottlerStorage } from '@nestjs/throttler';
import { AppException } from '@app/common';

/** A token bucket for one kind of costly attempt: `capacity` at once, then capacity per `refillMs`. */
export interface AttemptLimit {
  /** Names the bucket in storage keys. */
  name: string;
  capacity: number;
  refillMs: number;
}

const TEN_MINUTES = 10 * 60_000;

/**
 * Limits of the attempts that cost an argon2 hash and that anybody can send. A link's own bucket stops a
 * guesser spread over many addresses; it is larger than an address's, so one guesser cannot lock a link's
 * visitors out on their own.
 */
export const ATTEMPT_LIMITS = {
  /** 10 guesses of link passwords from one client IP, then one a minute. */
  linkPasswordPerIp: { name: 'link-password-ip', capacity: 10, refillMs: TEN_MINUTES },
  /** 50 guesses of one link's password, then five a minute. */
  linkPasswordPerLink: { name: 'link-password-link', capacity: 50, refillMs: TEN_MINUTES },
} as const satisfies Record<string, AttemptLimit>;

/** Signups from one client IP: SIGNUPS_PER_IP_PER_HOUR at once, refilled over an hour. */
export function signupLimit(perHour: number): AttemptLimit {
  return { name: 'signup-ip', capacity: perHour, refillMs: 60 * 60_000 };
}

/**
 * Token buckets for costly public attempts (link passwords, signups), in the same storage as the API rate
 * limits: Redis when configured, so a limit holds across instances; one process's memory otherwise.
 * A token is taken before the work is done, so parallel attempts cannot all slip through.
 */
@Injectable()
export class AttemptLimiter {
  constructor(@InjectThrottlerStorage() private readonly storage: ThrottlerStorage) {}

  /**
   * Takes one token from each bucket in turn and stops at the first empty one (later buckets keep theirs).
   * Answers 0 when every bucket had a token, else the seconds until the empty one has one again.
   */
  async take(...attempts: { limit: AttemptLimit; key: string }[]): Promise<number> {
    for (const { limit, key } of attempts) {
      const record = await this.storage.increment(
        `${limit.name}:${key}`,
        limit.refillMs,
        limit.capacity,
        0,
        limit.name,
      );
      if (record.isBlocked) return Math.max(1, record.timeToBlockExpire);
    }
    return 0;
  }

  /** As take(), throwing 429 (with Retry-After) when a bucket is empty. */
  async assert(message: string, ...attempts: { limit: AttemptLimit; key: string }[]): Promise<void> {
    const retryAfter = await this.take(...attempts);
    if (retryAfter > 0) throw AppException.tooManyRequests(message, retryAfter);
  }
}
