import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ANALYTICS_STORE, type AnalyticsStore } from '../src/analytics/analytics-store';
import { AnalyticsProjection } from '../src/analytics/store/analytics-projection';
import {
  AnalyticsProjectionRepository,
  CopyStalledError,
} from '../src/analytics/store/analytics-projection.repository';
import { bearer, createKey, setPlan, signUp } from '../../../test/helpers/fixtures';
import { insertLink } from '../../../test/helpers/links';
import { ServerProcess, startServerProcess } from '../../../test/helpers/server-process';
import { createTestDatabase, TestDatabase } from '../../../test/helpers/test-database';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';

/** Server processes on one database: a real PostgreSQL (PGlite is one process's). */
const describeWithPostgres = process.env.DATABASE_URL ? describe : describe.skip;

/** GET on a server process: status, Retry-After and JSON body. */
function get(
  port: number,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; retryAfter?: string; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          retryAfter: response.headers['retry-after'] as string | undefined,
          body: JSON.parse(text || '{}'),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/** The workspace's totals within an hour of now, as the app's analytics store holds them. */
async function storeTotals(t: TestApp, workspaceId: string): Promise<{ clicks: number; visitors: number }> {
  const row = await t.app.get<AnalyticsStore>(ANALYTICS_STORE).totals({
    workspaceId,
    start: new Date(Date.now() - 3_600_000),
    end: new Date(Date.now() + 3_600_000),
    linkFilters: {},
    dimensionFilters: {},
    includeBots: false,
  });
  return { clicks: row.clicks, visitors: row.uniqueVisitors };
}

/**
 * The analytics store of a real server process: its DuckDB file survives a SIGKILL in the middle of the
 * projection (nothing lost, nothing counted twice), and a damaged file is rebuilt while analytics answer 503
 * analytics_rebuilding with Retry-After.
 */
describeWithPostgres('analytics store of a server process (its own DuckDB file)', () => {
  const EVENTS = 60_000;
  let database: TestDatabase;
  let t: TestApp;
  let key: string;
  let dir: string;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    t = await startTestApp({}, database);
    const owner = await signUp(t);
    await setPlan(t, owner.workspaceId, 'agency');
    key = (await createKey(owner, { scopes: ['analytics'] })).key;
    const link = await insertLink(t, { workspaceId: owner.workspaceId, slug: 'many', url: 'https://example.com/' });
    // Enough events that the projection takes several batches (10,000 each) to read them.
    await t.dataSource.query(
      `INSERT INTO click_events (id, time, workspace_id, link_id, domain, url, visitor_hash, device, is_bot)
       SELECT 'clk_bulk' || g, now() - (g % 1000) * interval '1 minute', $1, $2, 'go.test', 'https://example.com/',
              g % 5000, 'desktop', g % 10 = 0
         FROM generate_series(1, $3::int) AS g`,
      [owner.workspaceId, link.id, EVENTS],
    );
    dir = mkdtempSync(join(tmpdir(), 'linktrace-analytics-'));
  });
  afterAll(async () => {
    server?.process.kill('SIGKILL');
    await t?.close();
    await database?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const env = () => ({ ...database.env, ANALYTICS_DIR: dir, ANALYTICS_POLL_MS: '20' });
  const expected = async () => {
    const [row] = await t.dataSource.query(
      `SELECT count(*) FILTER (WHERE NOT is_bot)::int AS clicks,
              count(DISTINCT (link_id, (time AT TIME ZONE 'UTC')::date, visitor_hash)) FILTER (WHERE NOT is_bot)::int AS visitors
         FROM click_events`,
    );
    return { clicks: row.clicks, uniqueVisitors: row.visitors };
  };
  /** Polls the overview until it answers 200 (every answer before is kept), for up to a minute. */
  const overviewWhenReady = async (server: ServerProcess) => {
    const answers: { status: number; retryAfter?: string; body: Record<string, unknown> }[] = [];
    const deadline = Date.now() + 60_000;
    for (;;) {
      const answer = await get(server.port, '/api/v1/analytics/overview?range=7d', bearer(key)).catch(
        async (error: Error) => {
          // A server that stopped answering says how it ended (if it did within a second) and what it logged.
          const ended = await Promise.race([server.exited, new Promise((resolve) => setTimeout(resolve, 1_000))]);
          const state = ended ? `ended: ${JSON.stringify(ended)}` : 'still running';
          throw new Error(`${error.message} (server ${state})\n${server.output().slice(-4_000)}`);
        },
      );
      answers.push(answer);
      if (answer.status === 200 && answer.body.clicks === (await expected()).clicks) return answers;
      if (Date.now() > deadline) throw new Error(`no complete answer: ${JSON.stringify(answers.slice(-3))}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  it('SIGKILL while projecting loses nothing: after a restart the store reaches the same totals as PostgreSQL', async () => {
    server = await startServerProcess(env());
    // Killed once its write-ahead log exists: a first batch is committed and, of 60,000 events (batches of 10,000),
    // most are still to come.
    const deadline = Date.now() + 30_000;
    while (!existsSync(join(dir, 'analytics.duckdb.wal')) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 5));
    server.process.kill('SIGKILL');
    expect((await server.exited).signal).toBe('SIGKILL');

    server = await startServerProcess(env());
    const answers = await overviewWhenReady(server);
    const last = answers[answers.length - 1].body;
    expect({ clicks: last.clicks, uniqueVisitors: last.uniqueVisitors }).toEqual(await expected());
    // The rebuild killed midway resumes as a rebuild: 503 analytics_rebuilding until complete, never a partial count.
    for (const answer of answers.slice(0, -1))
      expect([answer.status, answer.body.code, answer.retryAfter]).toEqual([503, 'analytics_rebuilding', '5']);
    server.process.kill('SIGKILL');
    await server.exited;
  }, 120_000);

  it('a damaged file is rebuilt: 503 analytics_rebuilding with Retry-After until caught up, then the same totals', async () => {
    rmSync(join(dir, 'analytics.duckdb.wal'), { force: true });
    writeFileSync(join(dir, 'analytics.duckdb'), 'not a database file'.repeat(1000));
    server = await startServerProcess({ ...env(), ANALYTICS_POLL_MS: '5000' });
    const answers = await overviewWhenReady(server);
    // Until the rebuild has caught up (how many such answers depends on the machine's speed): 503 with Retry-After.
    for (const answer of answers.slice(0, -1))
      expect([answer.status, answer.body.code, answer.retryAfter]).toEqual([503, 'analytics_rebuilding', '5']);
    const last = answers[answers.length - 1].body;
    expect({ clicks: last.clicks, uniqueVisitors: last.uniqueVisitors }).toEqual(await expected());
    server.process.kill('SIGKILL');
    await server.exited;
  }, 120_000);

  it('a copy whose connection the server ends midway fails alone: no unhandled error, the pool copies again', async () => {
    const repository = t.app.get(AnalyticsProjectionRepository);
    const file = join(dir, 'cut.csv');
    // The copy waits behind a lock, where it can be found and its backend ended (as a server restart ends it).
    const holder = t.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query('LOCK TABLE click_events IN ACCESS EXCLUSIVE MODE');
    const copy = repository.copyRange(7n, 987_654_321n, file);
    copy.catch(() => undefined);
    let terminated = false;
    for (const deadline = Date.now() + 30_000; !terminated && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      const [row] = await t.dataSource.query(
        `SELECT count(pg_terminate_backend(pid))::int AS ended FROM pg_stat_activity
          WHERE query LIKE 'COPY %seq <= 987654321%' AND pid <> pg_backend_pid()`,
      );
      terminated = row.ended > 0;
    }
    await holder.rollbackTransaction();
    await holder.release();
    expect(terminated).toBe(true);
    await expect(copy).rejects.toMatchObject({ code: '57P01' });
    // Another event loop turn for a late 'error' of the ended client, which would fail this test if unhandled.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await repository.copyRange(0n, 987_654_321n, file)).toBe(EVENTS);
    rmSync(file, { force: true });
  });

  it('a copy that receives nothing for ANALYTICS_COPY_STALL_MS fails, and its backend stops waiting', async () => {
    const stalling = await startTestApp({ ANALYTICS_COPY_STALL_MS: '300' }, database);
    const file = join(dir, 'stalled.csv');
    // Behind a lock the COPY receives nothing: without a bound it would wait as long as the lock is held.
    const holder = t.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    await holder.query('LOCK TABLE click_events IN ACCESS EXCLUSIVE MODE');
    let waiting = -1;
    try {
      await expect(
        stalling.app.get(AnalyticsProjectionRepository).copyRange(7n, 987_654_322n, file),
      ).rejects.toBeInstanceOf(CopyStalledError);
      // Cancelled, not left waiting to copy for nobody once the lock goes.
      for (const deadline = Date.now() + 30_000; waiting !== 0 && Date.now() < deadline;) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        [{ waiting }] = await t.dataSource.query(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity
            WHERE query LIKE 'COPY %seq <= 987654322%' AND state = 'active' AND pid <> pg_backend_pid()`,
        );
      }
    } finally {
      await holder.rollbackTransaction();
      await holder.release();
      await stalling.close();
    }
    expect(waiting).toBe(0);
    expect(await t.app.get(AnalyticsProjectionRepository).copyRange(0n, 987_654_321n, file)).toBe(EVENTS);
    rmSync(file, { force: true });
  });
});

/**
 * Sequence numbers are taken at insert and commit in another order (click batches of several instances in flight):
 * an event committed after a later one is still read, once, and a rolled-back number does not hold the rest back.
 */
describeWithPostgres('analytics store: events committed out of sequence order', () => {
  let database: TestDatabase;
  let t: TestApp;
  let workspaceId: string;
  let linkId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    t = await startTestApp({}, database);
    workspaceId = (await signUp(t)).workspaceId;
    linkId = (await insertLink(t, { workspaceId, slug: 'ordered', url: 'https://example.com/' })).id;
  });
  afterAll(async () => {
    await t?.close();
    await database?.drop();
  });

  const insert = (
    runner: { query(sql: string, parameters: unknown[]): Promise<unknown> },
    id: string,
    visitor: string,
  ) =>
    runner.query(
      `INSERT INTO click_events (id, time, workspace_id, link_id, domain, url, visitor_hash, device)
       VALUES ($1, now(), $2, $3, 'go.test', 'https://example.com/', hashtextextended($4, 0), 'desktop')`,
      [id, workspaceId, linkId, visitor],
    );
  /** The link's totals as the store answers them (every committed event read first: read-after-write). */
  const totals = () => storeTotals(t, workspaceId);
  const transaction = async () => {
    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    await runner.startTransaction();
    return runner;
  };

  it('reads an event committed after a later one, counts its visitor once, and skips a rolled-back number', async () => {
    // The store's very first events (it starts at the first one committed), then a store already following.
    const early = await transaction();
    await insert(early, 'clk_early', 'ann'); // the lower sequence number, not committed yet
    await insert(t.dataSource, 'clk_late', 'ann');
    expect(await totals()).toEqual({ clicks: 1, visitors: 1 });

    await early.commitTransaction();
    await early.release();
    expect(await totals()).toEqual({ clicks: 2, visitors: 1 });

    const rolledBack = await transaction();
    await insert(rolledBack, 'clk_rolled_back', 'bob');
    await rolledBack.rollbackTransaction();
    await rolledBack.release();
    await insert(t.dataSource, 'clk_after', 'cid');
    expect(await totals()).toEqual({ clicks: 3, visitors: 2 });
    // Read again on later passes (until given up), the rolled-back number never adds anything.
    expect(await totals()).toEqual({ clicks: 3, visitors: 2 });

    const held = await transaction();
    await insert(held, 'clk_held', 'dan');
    await insert(t.dataSource, 'clk_passed', 'dan');
    expect(await totals()).toEqual({ clicks: 4, visitors: 3 });
    await held.commitTransaction();
    await held.release();
    expect(await totals()).toEqual({ clicks: 5, visitors: 3 });
  });
});

/**
 * Polling passes append few new events together: fewer than a full batch wait for more (ANALYTICS_BATCH_WAIT_MS),
 * a full batch is appended by the poll that finds it, and catchUp() never waits.
 */
describe('analytics store: polling passes batch a few new events', () => {
  let t: TestApp;
  let workspaceId: string;
  let linkId: string;
  let projection: AnalyticsProjection;
  let repository: AnalyticsProjectionRepository;

  beforeAll(async () => {
    t = await startTestApp({
      ANALYTICS_READ_AFTER_WRITE: 'false',
      ANALYTICS_POLL_MS: '10',
      ANALYTICS_BATCH_WAIT_MS: '60000',
    });
    workspaceId = (await signUp(t)).workspaceId;
    linkId = (await insertLink(t, { workspaceId, slug: 'batched', url: 'https://example.com/' })).id;
    projection = t.app.get(AnalyticsProjection);
    repository = t.app.get(AnalyticsProjectionRepository);
    await projection.catchUp(); // the store created empty has caught up: polling passes follow
  });
  afterAll(async () => {
    await t?.close();
  });

  const insert = (count: number) =>
    t.dataSource.query(
      `INSERT INTO click_events (id, time, workspace_id, link_id, domain, url, visitor_hash, device)
       SELECT 'clk_b' || left(md5(random()::text), 24), now(), $1, $2, 'go.test', 'https://example.com/', g, 'desktop'
         FROM generate_series(1, $3::int) AS g`,
      [workspaceId, linkId, count],
    );
  /** The store's click count, as it holds it now (no catching up first). */
  const clicks = async () => (await storeTotals(t, workspaceId)).clicks;
  /** Resolves once `count` polling passes have started after the call (each reads PostgreSQL's bounds first). */
  const polls = async (count: number) => {
    const bounds = jest.spyOn(repository, 'bounds');
    try {
      while (bounds.mock.calls.length < count) await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      bounds.mockRestore();
    }
  };

  it('leaves fewer new events than a full batch to a later pass, and catchUp() appends them', async () => {
    const before = await clicks();
    await insert(3);
    // Passes run one after another: the fourth's start means three polls have found the events and left them.
    await polls(4);
    expect(await clicks()).toBe(before);
    await projection.catchUp();
    expect(await clicks()).toBe(before + 3);
  });

  it('appends a full batch of new events in the poll that finds it', async () => {
    const before = await clicks();
    await insert(5_000);
    await polls(2);
    expect(await clicks()).toBe(before + 5_000);
  });
});

/**
 * First visits of live batches across a UTC midnight: a batch holding both days, late events of the day before
 * (sequence numbers taken earlier and committed after later ones) while its visitors are still held in memory and
 * after they are dropped (decided by a scan of that day), each day's unique visitors as PostgreSQL counts them.
 * The clicks' times are the clock here: the days held follow them, not the time of the run.
 */
describe('analytics store: first visits of live batches across a UTC midnight', () => {
  /** Midnight UTC between the two days. */
  const MIDNIGHT = Date.UTC(2026, 2, 10);
  const MINUTE = 60_000;
  let t: TestApp;
  let workspaceId: string;
  let links: string[];
  let projection: AnalyticsProjection;

  beforeAll(async () => {
    t = await startTestApp();
    workspaceId = (await signUp(t)).workspaceId;
    links = [];
    for (const slug of ['midnight-a', 'midnight-b'])
      links.push((await insertLink(t, { workspaceId, slug, url: 'https://example.com/' })).id);
    projection = t.app.get(AnalyticsProjection);
    await projection.catchUp(); // the store created empty has caught up: the batches below are live
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A sequence number taken now, for an event committed later (a gap below the events inserted meanwhile). */
  const reserve = async (): Promise<string> =>
    (await t.dataSource.query(`SELECT nextval(pg_get_serial_sequence('click_events', 'seq'))::text AS seq`))[0].seq;
  /** Events [minutes from midnight, link index, visitor], with a reserved sequence number each if given. */
  const insert = (events: [number, number, string][], seqs?: string[]) =>
    t.dataSource.query(
      `INSERT INTO click_events (id, time, workspace_id, link_id, domain, url, visitor_hash, device${seqs ? ', seq' : ''})
       SELECT 'clk_' || left(md5(random()::text), 24), to_timestamp(e.ms / 1000.0), $1, e.link, 'go.test', 'https://example.com/',
              hashtextextended(e.visitor, 0), 'desktop'${seqs ? ', e.seq::bigint' : ''}
         FROM unnest($2::float8[], $3::text[], $4::text[], $5::text[]) AS e(ms, link, visitor, seq)`,
      [
        workspaceId,
        events.map(([minutes]) => MIDNIGHT + minutes * MINUTE),
        events.map(([, link]) => links[link]),
        events.map(([, , visitor]) => visitor),
        seqs ?? events.map(() => null),
      ],
    );
  /** Each day's clicks and unique visitors: the store's (read after every committed event), PostgreSQL's raw scan. */
  const days = async () => {
    const store = t.app.get<AnalyticsStore>(ANALYTICS_STORE);
    const answers = [];
    for (const start of [MIDNIGHT - 86_400_000, MIDNIGHT]) {
      await projection.catchUp();
      const row = await store.totals({
        workspaceId,
        start: new Date(start),
        end: new Date(start + 86_400_000),
        linkFilters: {},
        dimensionFilters: {},
        includeBots: false,
      });
      const [raw] = await t.dataSource.query(
        `SELECT count(*)::int AS clicks, count(DISTINCT (link_id, visitor_hash))::int AS visitors FROM click_events
          WHERE workspace_id = $1 AND time >= $2 AND time < $3`,
        [workspaceId, new Date(start), new Date(start + 86_400_000)],
      );
      answers.push({ store: { clicks: row.clicks, visitors: row.uniqueVisitors }, raw });
    }
    return answers;
  };

  it('counts each visitor once per link and day, late events of the day before included', async () => {
    await insert([
      [-10, 0, 'ann'],
      [-9, 0, 'bob'],
      [-8, 1, 'ann'],
    ]);
    const lateWhileHeld = [await reserve(), await reserve()];
    const lateAfterDropped = [await reserve(), await reserve()];
    const lateOfNewDay = [await reserve()];
    // One batch across midnight: ann and bob again on the day before, and on the new day.
    await insert([
      [-0.05, 0, 'cid'],
      [-0.02, 0, 'ann'],
      [0.05, 0, 'ann'],
      [0.1, 0, 'bob'],
    ]);
    expect(await days()).toEqual([
      { store: { clicks: 5, visitors: 4 }, raw: { clicks: 5, visitors: 4 } },
      { store: { clicks: 2, visitors: 2 }, raw: { clicks: 2, visitors: 2 } },
    ]);
    // Committed after later events, within minutes of midnight: the day before's visitors are still held.
    await insert(
      [
        [-2, 0, 'dan'],
        [-3, 0, 'bob'],
      ],
      lateWhileHeld,
    );
    expect(await days()).toEqual([
      { store: { clicks: 7, visitors: 5 }, raw: { clicks: 7, visitors: 5 } },
      { store: { clicks: 2, visitors: 2 }, raw: { clicks: 2, visitors: 2 } },
    ]);
    // Half an hour into the new day the day before is no longer held; a late event of it is decided by a scan.
    await insert([
      [30, 0, 'cid'],
      [31, 1, 'dan'],
    ]);
    expect(await days()).toEqual([
      { store: { clicks: 7, visitors: 5 }, raw: { clicks: 7, visitors: 5 } },
      { store: { clicks: 4, visitors: 4 }, raw: { clicks: 4, visitors: 4 } },
    ]);
    await insert(
      [
        [-1, 0, 'eve'],
        [-1, 0, 'ann'],
      ],
      lateAfterDropped,
    );
    await insert([[5, 1, 'ann']], lateOfNewDay);
    expect(await days()).toEqual([
      { store: { clicks: 9, visitors: 6 }, raw: { clicks: 9, visitors: 6 } },
      { store: { clicks: 5, visitors: 5 }, raw: { clicks: 5, visitors: 5 } },
    ]);
  });
});
