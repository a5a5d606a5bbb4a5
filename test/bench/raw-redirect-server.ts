/**
 * The baseline of the redirect benchmark: a bare node:http server answering the same redirects from a
 * Map, with the same headers. What the app does beyond this (framework, guards, cache, click recording)
 * is what the benchmark's ratio measures.
 */
import { createServer } from 'node:http';
import { benchDestination, BENCH_LINK_COUNT } from './bench-links';

const destinations = new Map<string, string>();
for (let index = 1; index <= BENCH_LINK_COUNT; index++) destinations.set(`/s${index}`, benchDestination(index));

const server = createServer((request, response) => {
  const location = destinations.get(request.url ?? '');
  if (location) {
    response.writeHead(302, {
      location,
      'cache-control': 'private, max-age=0',
      'referrer-policy': 'strict-origin-when-cross-origin',
    });
  } else {
    response.writeHead(404, { 'content-type': 'text/plain' });
  }
  response.end();
});

server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('listening\n'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
