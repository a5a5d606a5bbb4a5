import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, TestDatabase } from './test-database';

/**
 * A fresh database that outlives the app using it, for tests that stop a server and look at what it
 * left: the fresh PostgreSQL database when DATABASE_URL is set, otherwise a PGlite folder on disk.
 */
export async function createPersistentTestDatabase(): Promise<TestDatabase> {
  if (process.env.DATABASE_URL) return createTestDatabase();
  const directory = mkdtempSync(join(tmpdir(), 'linktrace-test-'));
  return { env: { DATA_DIR: directory }, drop: async () => rmSync(directory, { recursive: true, force: true }) };
}
