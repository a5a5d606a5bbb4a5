import { createServer, request as forward, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small round-robin HTTP load balancer on loopback, in front of several app instances: what a test
 * sends through it is spread over the instances like production traffic behind nginx.
 */
export class LoadBalancer {
  private next = 0;
  private server?: Server;
  readonly hits: number[];

  constructor(private readonly upstreams: { port: number }[]) {
    this.hits = upstreams.map(() => 0);
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** Listens on loopback: on `port`, or on a free port when 0. */
  async start(port = 0): Promise<void> {
    this.server = createServer((incoming, outgoing) => {
      const index = this.next++ % this.upstreams.length;
      this.hits[index] += 1;
      const proxied = forward(
        {
          host: '127.0.0.1',
          port: this.upstreams[index].port,
          method: incoming.method,
          path: incoming.url,
          headers: { ...incoming.headers, 'x-forwarded-for': incoming.socket.remoteAddress },
        },
        (response) => {
          outgoing.writeHead(response.statusCode ?? 502, response.headers);
          response.pipe(outgoing);
        },
      );
      proxied.on('error', () => {
        if (!outgoing.headersSent) outgoing.writeHead(502, { 'content-type': 'application/json' });
        outgoing.end(
          JSON.stringify({
            statusCode: 502,
            error: 'Bad Gateway',
            message: 'Upstream instance unavailable',
            code: 'bad_gateway',
            requestId: 'lb',
          }),
        );
      });
      incoming.pipe(proxied);
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
