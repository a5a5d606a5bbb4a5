import { createHash, randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Global, Module } from '@nestjs/common';
import * as argon2 from 'argon2';
import { PASSWORD_HASH_ENGINE, PasswordHashEngine } from '@app/auth';
import { loadConfig } from '@app/common';
import { createApp, CreateAppOptions } from '../../apps/api/src/bootstrap';
import { TEST_METRICS_TOKEN } from './prometheus';
import { migratedEmbeddedDatabase } from './embedded-database';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestApp {
  app: NestFastifyApplication;
  dataSource: DataSource;
  /** A supertest client without cookies (it sends TEST_METRICS_TOKEN on GET /metrics, as a scraper would). */
  http(): TestAgent;
  close(): Promise<void>;
}

/**
 * Real argon2id at its smallest cost: production's (64 MiB, 3 passes) took 1.5 s per signup and 4 s per login on
 * this busy two-core machine, and tests sign up hundreds of times. What tests check of hashing (argon2id, verified,
 * never stored in clear) holds at any cost; libs/auth's password-hasher spec checks production's.
 */
const CHEAP_ARGON2 = { type: argon2.argon2id, memoryCost: 1_024, timeCost: 1, parallelism: 1 } as const;

@Global()
@Module({
  providers: [
    {
      provide: PASSWORD_HASH_ENGINE,
      useValue: {
        hash: (password) => argon2.hash(password, CHEAP_ARGON2),
        verify: (hash, password) => argon2.verify(hash, password),
      } satisfies PasswordHashEngine,
    },
  ],
  exports: [PASSWORD_HASH_ENGINE],
})
class CheapPasswordHashingModule {}

/** Boots the real application (same bootstrap as main.ts) on a fresh database. */
export async function startTestApp(
  env: Record<string, string> = {},
  database?: TestDatabase,
  options: CreateAppOptions = {},
): Promise<TestApp> {
  const db = database ?? (await createTestDatabase());
  // Each app keeps its analytics store in memory, and every analytics answer first catches up with the clicks
  // committed before it: tests read their own writes without waiting.
  const config = loadConfig({
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    REDIS_KEY_PREFIX: testRedisKeyPrefix(db),
    ANALYTICS_DIR: ':memory:',
    ANALYTICS_READ_AFTER_WRITE: 'true',
    // Test files sign many accounts up from one address; the signup limit's own test sets it low.
    SIGNUPS_PER_IP_PER_HOUR: '1000000',
    METRICS_TOKEN: TEST_METRICS_TOKEN,
    ...db.env,
    ...env,
  });
  if (database && config.REDIS_URL) cleanRedisOnDrop(database, config.REDIS_URL, config.REDIS_KEY_PREFIX);
  const app = await createApp(config, {
    ...options,
    imports: [CheapPasswordHashingModule, ...(options.imports ?? [])],
    embeddedInitialData: config.DATA_DIR === 'memory://' ? await migratedEmbeddedDatabase() : undefined,
  });
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    dataSource: app.get(DataSource),
    http: () => withMetricsToken(request.agent(app.getHttpServer())),
    close: async () => {
      await app.close();
      if (!database) {
        await db.drop();
        if (config.REDIS_URL) await deleteRedisKeys(config.REDIS_URL, config.REDIS_KEY_PREFIX);
      }
    },
  };
}

/**
 * Redis keys of the apps on one test database: instances sharing a database share the click stream,
 * while other test files (other databases) on the same Redis never consume each other's clicks.
 */
export function testRedisKeyPrefix(database: TestDatabase): string {
  const where = database.env.DATABASE_URL ?? database.env.DATA_DIR;
  // Every in-memory database is its own: so is its prefix.
  const seed = where && where !== 'memory://' ? where : randomBytes(8).toString('hex');
  return `lt-test:${createHash('sha256').update(seed).digest('hex').slice(0, 12)}:`;
}

/** Deletes what the apps of a test left in the shared Redis under their prefix (the click stream). */
export async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<void> {
  if (!prefix.startsWith('lt-test:')) throw new Error(`Refusing to delete Redis keys outside a test prefix: ${prefix}`);
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

const cleanedOnDrop = new WeakSet<TestDatabase>();

/** A database shared by several apps outlives each of them: its Redis keys go when it is dropped. */
function cleanRedisOnDrop(database: TestDatabase, redisUrl: string, prefix: string): void {
  if (cleanedOnDrop.has(database) || !prefix.startsWith('lt-test:')) return;
  cleanedOnDrop.add(database);
  const drop = database.drop;
  database.drop = async () => {
    await drop();
    await deleteRedisKeys(redisUrl, prefix).catch(() => undefined);
  };
}

/** Adds the scraper's Bearer token to `GET /metrics` only: every other request keeps the credentials the test sets. */
function withMetricsToken(agent: TestAgent): TestAgent {
  const get = agent.get.bind(agent);
  agent.get = ((url: string, ...rest: unknown[]) => {
    const test = (get as (url: string, ...rest: unknown[]) => ReturnType<TestAgent['get']>)(url, ...rest);
    return url.split('?')[0] === '/metrics' ? test.set('Authorization', `Bearer ${TEST_METRICS_TOKEN}`) : test;
  }) as TestAgent['get'];
  return agent;
}
