import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migratedEmbeddedDatabase } from './embedded-database';
import { createTestDatabase, TestDatabase } from './test-database';

/**
 * A fresh database that outlives the app using it, for tests that stop a server and look at what it
 * left: the fresh PostgreSQL database when DATABASE_URL is set, otherwise a PGlite folder on disk, written from
 * the migrated embedded database (creating and migrating one there took most of such a test).
 */
export async function createPersistentTestDatabase(): Promise<TestDatabase> {
  if (process.env.DATABASE_URL) return createTestDatabase();
  const directory = mkdtempSync(join(tmpdir(), 'linktrace-test-'));
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = new PGlite(directory, { loadDataDir: await migratedEmbeddedDatabase() });
  await pglite.waitReady;
  await pglite.close();
  return { env: { DATA_DIR: directory }, drop: async () => rmSync(directory, { recursive: true, force: true }) };
}
