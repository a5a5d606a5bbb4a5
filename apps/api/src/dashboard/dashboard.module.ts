import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { AppConfig } from '@app/common';
import { DashboardController } from './dashboard.controller';
import { DashboardService } from './dashboard.service';

/** Asset names carry a content hash (Vite), so a year of caching is safe; index.html is never cached. */
const ASSET_MAX_AGE = '365d';

/**
 * The dashboard SPA at /app, same origin as the API (session cookies, no CORS). Hashed assets are served
 * by @fastify/static under /app/assets/; every other /app path answers index.html (see DashboardController).
 */
@Module({
  controllers: [DashboardController],
  providers: [DashboardService],
})
export class DashboardModule implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    // Not awaited: awaiting would boot Fastify's plugin queue now, fixing the routes Nest has declared to
    // Fastify's default error handler before Nest installs its own (malformed JSON would lose the §5 body).
    // The plugin loads with the others when the server gets ready.
    void fastify.register(fastifyStatic, {
      // A missing build is reported by /app itself; files built after boot are served as they appear.
      root: join(resolve(this.config.DASHBOARD_DIR), 'assets'),
      prefix: '/app/assets/',
      suppressWarning: true,
      decorateReply: false,
      index: false,
      maxAge: ASSET_MAX_AGE,
      immutable: true,
    });
  }
}
