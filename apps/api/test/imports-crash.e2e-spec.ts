import { bearer, createKey, setPlan, signUp } from '../../../test/helpers/fixtures';
import { startServerProcess } from '../../../test/helpers/server-process';
import { startTestApp } from '../../../test/helpers/test-app';
import { createTestDatabase, TestDatabase } from '../../../test/helpers/test-database';
import { ImportClock } from '../src/imports/import-clock';
import { ImportWorker } from '../src/imports/import.worker';

/** Instances share PostgreSQL: a crash of one needs the server in DATABASE_URL (PGlite is one process's). */
const describeCrash = process.env.DATABASE_URL ? describe : describe.skip;
const ROWS = 30_000;

describeCrash('Link import killed mid-way', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.drop());

  const jobRow = async (
    survivor: { dataSource: { query: (sql: string, parameters: unknown[]) => Promise<unknown> } },
    id: string,
  ) => {
    const [row] = (await survivor.dataSource.query(
      `SELECT status, next_chunk, chunk_count, processed_rows, created_count, conflict_count, error_count
       FROM link_imports WHERE id = $1`,
      [id],
    )) as {
      status: string;
      next_chunk: number;
      chunk_count: number;
      processed_rows: number;
      created_count: number;
      conflict_count: number;
      error_count: number;
    }[];
    return row;
  };

  it('another instance resumes at the first uncommitted chunk: every row imported once', async () => {
    const survivor = await startTestApp({ IMPORT_POLL_INTERVAL_MS: '0' }, database);
    const server = await startServerProcess({ ...database.env, IMPORT_POLL_INTERVAL_MS: '20' });
    try {
      const user = await signUp(survivor);
      await setPlan(survivor, user.workspaceId, 'agency');
      const { key } = await createKey(user, { scopes: ['links'] });
      const file = ['url,slug', ...Array.from({ length: ROWS }, (_, row) => `https://example.com/${row},crash-${row}`)];
      const queued = await survivor
        .http()
        .post('/api/v1/imports')
        .set(bearer(key))
        .attach('file', Buffer.from(file.join('\n')), 'links.csv')
        .expect(202);
      const id: string = queued.body.id;

      // The server process runs it: kill it once a few chunks are committed, before the last.
      for (let waited = 0; ; waited += 10) {
        if (waited > 60_000) throw new Error('the server process never got past chunk 2');
        const row = await jobRow(survivor, id);
        if (row.next_chunk >= 2) {
          expect(row.next_chunk).toBeLessThan(row.chunk_count);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      server.process.kill('SIGKILL');
      await server.exited;
      const atCrash = await jobRow(survivor, id);
      expect(atCrash.status).toBe('running');
      expect(atCrash.processed_rows).toBe(atCrash.next_chunk * 1_000);

      const worker = survivor.app.get(ImportWorker);
      // Within the dead instance's lease nobody takes it over…
      expect(await worker.runOnce()).toBe(false);
      expect((await jobRow(survivor, id)).next_chunk).toBe(atCrash.next_chunk);
      // …after it, the survivor does, from where it stopped.
      jest.spyOn(survivor.app.get(ImportClock), 'now').mockImplementation(() => new Date(Date.now() + 5 * 60_000));
      expect(await worker.runOnce()).toBe(true);

      expect(await jobRow(survivor, id)).toMatchObject({
        status: 'completed',
        processed_rows: ROWS,
        created_count: ROWS,
        conflict_count: 0,
        error_count: 0,
      });
      const [links] = (await survivor.dataSource.query(
        `SELECT count(*)::int AS links, count(DISTINCT slug)::int AS slugs FROM links WHERE workspace_id = $1`,
        [user.workspaceId],
      )) as { links: number; slugs: number }[];
      expect(links).toEqual({ links: ROWS, slugs: ROWS });
      const status = await survivor.http().get(`/api/v1/imports/${id}`).set(bearer(key)).expect(200);
      expect(status.body).toMatchObject({ status: 'completed', counts: { created: ROWS, conflict: 0 }, problems: [] });
    } finally {
      if (server.process.exitCode === null && server.process.signalCode === null) server.process.kill('SIGKILL');
      await survivor.close();
    }
  }, 240_000);
});
