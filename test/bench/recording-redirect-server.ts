/**
 * The "redirect + record" baseline of the redirect benchmark: the bare node:http + Map server of
 * raw-redirect-server.ts that also stores a minimal row for every redirect (link, time, user agent) in
 * PostgreSQL — the cheapest way this machine can both redirect and keep every click. Rows are buffered and
 * written every few milliseconds as one multi-row INSERT (arrays unnested: one statement, one round trip),
 * one write at a time, into a table of its own (`baseline_clicks`, no index). Everything buffered is
 * written before it exits on SIGTERM, and the table dropped then: autovacuum would otherwise work on its rows while
 * the app's runs are timed, in the app's database, and count as the app's PostgreSQL CPU.
 */
import { createServer } from 'node:http';
import { Client } from 'pg';
import { benchDestination, BENCH_LINK_COUNT } from './bench-links';

const FLUSH_INTERVAL_MS = 5;

const linkBySlug = new Map<string, { id: number; location: string }>();
for (let index = 1; index <= BENCH_LINK_COUNT; index++)
  linkBySlug.set(`/s${index}`, { id: index, location: benchDestination(index) });

const database = new Client({ connectionString: process.env.DATABASE_URL });
let linkIds: number[] = [];
let times: number[] = [];
let userAgents: (string | null)[] = [];
let writing: Promise<void> | null = null;

function write(): Promise<void> {
  const batch = { linkIds, times, userAgents };
  linkIds = [];
  times = [];
  userAgents = [];
  writing = database
    .query(
      `INSERT INTO baseline_clicks (link_id, time, user_agent)
       SELECT link_id, to_timestamp(time / 1000.0), user_agent
         FROM unnest($1::int[], $2::float8[], $3::text[]) AS batch (link_id, time, user_agent)`,
      [batch.linkIds, batch.times, batch.userAgents],
    )
    .then(() => {
      writing = null;
    });
  return writing;
}

function writeSoon(): void {
  if (writing || linkIds.length === 0) return;
  void write();
}

const server = createServer((request, response) => {
  const link = linkBySlug.get(request.url ?? '');
  if (link) {
    response.writeHead(302, {
      location: link.location,
      'cache-control': 'private, max-age=0',
      'referrer-policy': 'strict-origin-when-cross-origin',
    });
    linkIds.push(link.id);
    times.push(Date.now());
    userAgents.push(request.headers['user-agent'] ?? null);
  } else {
    response.writeHead(404, { 'content-type': 'text/plain' });
  }
  response.end();
});

async function main(): Promise<void> {
  await database.connect();
  await database.query(
    `CREATE TABLE IF NOT EXISTS baseline_clicks (link_id int NOT NULL, time timestamptz NOT NULL, user_agent text)`,
  );
  setInterval(writeSoon, FLUSH_INTERVAL_MS);
  server.keepAliveTimeout = 60_000;
  server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('listening\n'));
}

process.on('SIGTERM', () =>
  server.close(async () => {
    while (writing || linkIds.length > 0) await (writing ?? write());
    await database.query(`DROP TABLE baseline_clicks`);
    await database.end();
    process.exit(0);
  }),
);

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
