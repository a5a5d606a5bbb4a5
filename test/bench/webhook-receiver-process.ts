/**
 * The webhook endpoint of `npm run bench:webhooks`, in a process of its own (so its work is charged neither to the
 * app nor to the load generator): answers 204 to every POST, checks each signature with the `standardwebhooks`
 * package (an implementation independent of ours) against WEBHOOK_SECRET, and counts events by `webhook-id`.
 * `GET /stats` answers the counts and the ids received.
 */
import { createServer } from 'node:http';
import { Webhook } from 'standardwebhooks';

const verifier = new Webhook(process.env.WEBHOOK_SECRET ?? '');
const seen = new Map<string, number>();
let requests = 0;
let badSignatures = 0;

const server = createServer((request, response) => {
  if (request.method === 'GET' && request.url === '/stats') {
    const duplicates = [...seen.values()].reduce((total, count) => total + count - 1, 0);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ requests, badSignatures, duplicates, ids: [...seen.keys()] }));
    return;
  }
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    requests++;
    try {
      const event = verifier.verify(Buffer.concat(chunks).toString('utf8'), request.headers as Record<string, string>);
      const id = (event as { id: string }).id;
      seen.set(id, (seen.get(id) ?? 0) + 1);
    } catch {
      badSignatures++;
    }
    response.writeHead(204).end();
  });
});

server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
