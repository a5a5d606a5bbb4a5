import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, DatabaseError } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { EmbeddedDatabaseWorker } from './embedded-database.worker';

/** A pg client on the thread's database, made as the data source's pool makes them. */
async function connect(database: EmbeddedDatabaseWorker): Promise<Client> {
  const client = new Client({ user: 'postgres', database: 'postgres', stream: () => database.connect() });
  // pg also emits a broken connection's error on the client; the statements' own rejections are what is checked.
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

describe('EmbeddedDatabaseWorker (PGlite in a thread, pg over messages)', () => {
  let database: EmbeddedDatabaseWorker;
  let client: Client;

  beforeAll(async () => {
    database = await EmbeddedDatabaseWorker.start('memory://');
    client = await connect(database);
    await client.query('CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL)');
  });

  afterAll(async () => {
    await client?.end();
    await database?.close();
  });

  it('answers statements with their rows, parameters and types', async () => {
    await client.query('INSERT INTO items VALUES ($1, $2), ($3, $4)', [1, 'one', 2, 'two']);
    const at = new Date('2026-12-07T06:00:00.000Z');
    const { rows } = await client.query('SELECT id, name, $1::timestamptz AS at FROM items ORDER BY id', [at]);
    expect(rows).toEqual([
      { id: 1, name: 'one', at },
      { id: 2, name: 'two', at },
    ]);
  });

  it('returns a result larger than one of PGlite’s output chunks whole', async () => {
    const { rows } = await client.query(
      `SELECT n, repeat('x', 100) AS filler FROM generate_series(1, 50000) AS n ORDER BY n`,
    );
    expect(rows).toHaveLength(50_000);
    expect(rows[49_999]).toEqual({ n: 50_000, filler: 'x'.repeat(100) });
  });

  it('streams a COPY … TO STDOUT of several megabytes whole, as a server would', async () => {
    const copy = client.query(
      copyTo(`COPY (SELECT n, repeat('x', 100) FROM generate_series(1, 50000) AS n) TO STDOUT WITH (FORMAT csv)`),
    );
    const chunks: Buffer[] = [];
    for await (const chunk of copy) chunks.push(chunk as Buffer);
    const lines = Buffer.concat(chunks).toString().split('\n');
    expect(copy.rowCount).toBe(50_000);
    expect(lines).toHaveLength(50_001); // the last line ends with a newline
    expect(lines[49_999]).toBe(`50000,${'x'.repeat(100)}`);
    expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('runs PostgreSQL with shared buffers sized for one embedded server', async () => {
    const { rows } = await client.query('SHOW shared_buffers');
    expect(rows).toEqual([{ shared_buffers: '16MB' }]);
  });

  it('returns bad SQL as pg’s DatabaseError, and the connection goes on', async () => {
    const failed = client.query('SELEC 1');
    await expect(failed).rejects.toBeInstanceOf(DatabaseError);
    await expect(failed).rejects.toMatchObject({ code: '42601', message: 'syntax error at or near "SELEC"' });
    expect((await client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('returns a constraint violation with its code, constraint and detail', async () => {
    await client.query(`INSERT INTO items VALUES (3, 'three')`);
    const failed = client.query('INSERT INTO items VALUES ($1, $2)', [3, 'again']);
    await expect(failed).rejects.toBeInstanceOf(DatabaseError);
    await expect(failed).rejects.toMatchObject({
      code: '23505',
      constraint: 'items_pkey',
      detail: 'Key (id)=(3) already exists.',
    });
    await expect(client.query('INSERT INTO items (id) VALUES (4)')).rejects.toMatchObject({
      code: '23502',
      column: 'name',
    });
  });

  it('ends a session as a server does: its open transaction rolled back, its prepared statements gone', async () => {
    const session = await connect(database);
    await session.query({ name: 'statement', text: 'SELECT count(*)::int AS count FROM items' });
    await session.query('BEGIN');
    await session.query(`INSERT INTO items VALUES (100, 'uncommitted')`);
    await session.end();

    const next = await connect(database);
    try {
      // The same name prepared again: PostgreSQL refuses that within one session.
      expect((await next.query({ name: 'statement', text: 'SELECT 1 AS one' })).rows).toEqual([{ one: 1 }]);
      expect((await next.query('SELECT count(*)::int AS count FROM items WHERE id = 100')).rows).toEqual([
        { count: 0 },
      ]);
    } finally {
      await next.end();
    }
  });

  it('dumps the database, and a new in-memory one starts from that dump', async () => {
    await client.query(`INSERT INTO items VALUES (20, 'dumped')`);
    const copy = await EmbeddedDatabaseWorker.start('memory://', await database.dump());
    try {
      const reader = await connect(copy);
      expect((await reader.query('SELECT name FROM items WHERE id = 20')).rows).toEqual([{ name: 'dumped' }]);
      await reader.end();
    } finally {
      await copy.close();
    }
  });

  it('closes its data folder consistent and ends its thread; the folder opens again with what was written', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'linktrace-embedded-'));
    try {
      const first = await EmbeddedDatabaseWorker.start(dataDir);
      const writer = await connect(first);
      await writer.query('CREATE TABLE kept (value int)');
      await writer.query('INSERT INTO kept VALUES (7)');
      await writer.end();
      const exitCode = new Promise((resolve) => first.thread.once('exit', resolve));
      await first.close();
      expect(await exitCode).toBe(0);
      await expect(connect(first)).rejects.toThrow('The embedded database is closed');

      const again = await EmbeddedDatabaseWorker.start(dataDir);
      try {
        const reader = await connect(again);
        expect((await reader.query('SELECT value FROM kept')).rows).toEqual([{ value: 7 }]);
        await reader.end();
      } finally {
        await again.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('fails the statement in flight, and every later use, when its thread dies', async () => {
    const doomed = await EmbeddedDatabaseWorker.start('memory://');
    const session = await connect(doomed);
    const running = session.query('SELECT count(*) FROM generate_series(1, 1000000000)');
    await doomed.thread.terminate();

    await expect(running).rejects.toThrow("The embedded database's thread ended: exit code 1");
    await expect(session.query('SELECT 1')).rejects.toThrow();
    await expect(connect(doomed)).rejects.toThrow("The embedded database's thread ended");
    await expect(doomed.dump()).rejects.toThrow("The embedded database's thread ended");
    await expect(doomed.close()).resolves.toBeUndefined();
  });
});
