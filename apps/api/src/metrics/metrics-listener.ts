import { createServer, Server } from 'node:http';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppConfig, toErrorResponse } from '@app/common';
import { randomUUID } from 'node:crypto';
import { MetricsScrapeService } from './metrics-scrape.service';

const CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** METRICS_PORT: `GET /metrics` on a listener of its own (on HOST), so the API port need not serve it at all. */
@Injectable()
export class MetricsListener implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(MetricsListener.name);
  private server: Server | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly scrape: MetricsScrapeService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.METRICS_PORT;
    if (port === undefined) return;
    const server = createServer((request, response) => {
      const path = (request.url ?? '').split('?')[0];
      if (request.method !== 'GET' || path !== '/metrics') {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: GET /metrics\n');
        return;
      }
      this.scrape.render(request.headers.authorization, true).then(
        (text) => response.writeHead(200, { 'content-type': CONTENT_TYPE, 'cache-control': 'no-store' }).end(text),
        (error: unknown) => {
          const { body, headers } = toErrorResponse(error, randomUUID());
          response.writeHead(body.statusCode, { ...headers, 'content-type': 'application/json' });
          response.end(JSON.stringify(body));
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.config.HOST, () => resolve());
    });
    this.server = server;
    this.logger.log(`Metrics at http://${this.config.HOST}:${port}/metrics`);
  }

  async onModuleDestroy(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
