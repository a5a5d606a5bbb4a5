import { createHash } from 'node:crypto';
import { createTestDatabase, TestDatabase } from '../../../../test/helpers/test-database';
import { openDataSource, OpenedDataSource } from '../data-source.factory';
import { ClickVisitorHashNumber1796678000000 } from './1796678000000-ClickVisitorHashNumber';
import { MIGRATIONS } from './index';

describe('ClickVisitorHashNumber migration on stored clicks', () => {
  let database: TestDatabase;
  let opened: OpenedDataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    // The schema as it was before: every migration up to this one.
    opened = await openDataSource(
      { url: database.env.DATABASE_URL, dataDir: database.env.DATA_DIR ?? '' },
      { migrations: MIGRATIONS.slice(0, MIGRATIONS.indexOf(ClickVisitorHashNumber1796678000000)) },
    );
  });

  afterAll(async () => {
    await opened?.close();
    await database?.drop();
  });

  it("turns each click's hex visitor hash into the number the analytics store counted, every other column kept", async () => {
    const query = (sql: string, parameters?: unknown[]) => opened.dataSource.query(sql, parameters);
    await query(`INSERT INTO workspaces (id, name, plan) VALUES ('ws_m', 'Migrated', 'free')`);
    await query(`INSERT INTO links (id, workspace_id, domain, slug, url) VALUES ('link_m', 'ws_m', 'go.test', 'm', 'https://example.com/')`);
    const hashes = Array.from({ length: 3 }, (_, index) => createHash('sha256').update(`visitor ${index}`).digest('hex'));
    // Two months' partitions and the default one (a row ahead of its month).
    const times = ['2026-11-30T23:59:59Z', '2026-12-01T00:00:00Z', '2031-01-01T00:00:00Z'];
    for (const [index, hash] of hashes.entries())
      await query(
        `INSERT INTO click_events (id, time, workspace_id, link_id, domain, url, visitor_hash, device, country)
         VALUES ($1, $2, 'ws_m', 'link_m', 'go.test', 'https://example.com/', $3, 'desktop', 'GB')`,
        [`clk_m${index}`, times[index], hash],
      );
    const before: { seq: string; visitor: string }[] = await query(
      `SELECT seq::text, hashtextextended(visitor_hash, 0)::text AS visitor FROM click_events ORDER BY id`,
    );

    const runner = opened.dataSource.createQueryRunner();
    try {
      await new ClickVisitorHashNumber1796678000000().up(runner);
    } finally {
      await runner.release();
    }

    const after: Record<string, unknown>[] = await query(
      `SELECT id, time, seq::text, visitor_hash::text AS visitor, country, pg_typeof(visitor_hash)::text AS type
         FROM click_events ORDER BY id`,
    );
    expect(after).toEqual(
      hashes.map((_, index) => ({
        id: `clk_m${index}`,
        time: new Date(times[index]),
        seq: before[index].seq,
        visitor: before[index].visitor,
        country: 'GB',
        type: 'bigint',
      })),
    );
  });
});
