import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * A fresh database for one test file: a new database on the server in DATABASE_URL when it is set
 * (CI), otherwise an in-memory embedded PGlite (so the suite runs on a machine without PostgreSQL).
 */
export interface TestDatabase {
  /** Environment for the app: DATABASE_URL of the fresh database, or the in-memory DATA_DIR. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return { env: { DATA_DIR: 'memory://' }, drop: async () => undefined };

  const name = `lt_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await withClient(serverUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    drop: () =>
      withClient(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}

async function withClient<T>(url: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/**
 * Until at least `expected` backends of the current database wait for a lock (one a test holds on purpose),
 * polling every 50 ms for up to 10 s; `query` runs SQL on any connection to that database.
 */
export async function waitForLockWaiters(
  query: (sql: string) => Promise<{ waiting: number }[]>,
  expected: number,
  what: string,
): Promise<void> {
  for (let poll = 0; poll < 200; poll++) {
    const [{ waiting }] = await query(
      `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if (waiting >= expected) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out waiting for ${what}`);
}
