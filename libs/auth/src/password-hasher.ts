import { availableParallelism } from 'node:os';
import { Injectable } from '@nestjs/common';
import * as argon2 from 'argon2';

/** argon2id with the library's defaults (64 MiB, 3 passes): OWASP's recommended floor. */
const HASH_OPTIONS = { type: argon2.argon2id } as const;

/** The argon2 work the hasher runs; replaced in unit specs to observe how many run at once. */
export interface PasswordHashEngine {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}

/** Replaces the engine in test apps only (a cheap argon2id); no configuration reaches it. */
export const PASSWORD_HASH_ENGINE = Symbol('PASSWORD_HASH_ENGINE');

const ARGON2: PasswordHashEngine = {
  hash: (password) => argon2.hash(password, HASH_OPTIONS),
  verify: (hash, password) => argon2.verify(hash, password),
};

/**
 * Hashes at most half the cores run at once (at least one): each costs ~64 MiB and a core for a
 * noticeable time, so a burst of password guesses queues here instead of taking every core (and the
 * libuv threads) from redirects and the rest of the API.
 */
export const PASSWORD_HASH_CONCURRENCY = Math.max(1, Math.floor(availableParallelism() / 2));

/**
 * The one place argon2 runs: account passwords (signup, login) and link passwords. Calls beyond
 * PASSWORD_HASH_CONCURRENCY wait in a FIFO queue; the limits on guesses (login lock-out, link password
 * limits, signups per IP) keep that queue short.
 */
@Injectable()
export class PasswordHasher {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly engine: PasswordHashEngine = ARGON2,
    private readonly concurrency: number = PASSWORD_HASH_CONCURRENCY,
  ) {}

  hash(password: string): Promise<string> {
    return this.run(() => this.engine.hash(password));
  }

  /** False for a wrong password and for a malformed hash (never throws on either). */
  verify(hash: string, password: string): Promise<boolean> {
    return this.run(() => this.engine.verify(hash, password).catch(() => false));
  }

  private async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running += 1;
    try {
      return await work();
    } finally {
      // The slot passes straight to the next waiter, so `running` never drops below the queue's needs.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}
