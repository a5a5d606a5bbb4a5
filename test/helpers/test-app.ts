import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/common';
import { createApp, CreateAppOptions } from '../../apps/api/src/bootstrap';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestApp {
  app: NestFastifyApplication;
  dataSource: DataSource;
  /** A supertest client without cookies. */
  http(): TestAgent;
  close(): Promise<void>;
}

/** Boots the real application (same bootstrap as main.ts) on a fresh database. */
export async function startTestApp(env: Record<string, string> = {}, database?: TestDatabase, options: CreateAppOptions = {}): Promise<TestApp> {
  const db = database ?? (await createTestDatabase());
  const config = loadConfig({ LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', ...db.env, ...env });
  const app = await createApp(config, options);
  await app.getHttpAdapter().getInstance().ready();
  return {
    app,
    dataSource: app.get(DataSource),
    http: () => request.agent(app.getHttpServer()),
    close: async () => {
      await app.close();
      if (!database) await db.drop();
    },
  };
}
