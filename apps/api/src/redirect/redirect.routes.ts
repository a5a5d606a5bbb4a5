import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { sendError } from '@app/common';
import { RedirectService, SlugRequest } from './redirect.service';

/**
 * `GET|HEAD /:slug` registered on Fastify directly, not through a Nest controller: the redirect is the
 * hot path, and Nest's per-route pipeline (execution context, global guard, param decorators, the
 * promise chain around the handler) cost a measurable share of its CPU for a route that needs none of
 * it — no credential, no body, no validation. What it keeps: Fastify's hooks (request id header,
 * metrics, request log at debug level), the error body of docs/API.md through the same `sendError` as the
 * global filter. Fastify answers HEAD with the GET handler (without the body). Routes with a fixed
 * first segment (`/api/...`, `/docs`, `/app`) take precedence over this one.
 */
@Injectable()
export class RedirectRoutes implements OnModuleInit {
  private readonly logger = new Logger('Errors');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly redirect: RedirectService,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.route({
      method: 'GET',
      url: '/:slug',
      // A request log line per redirect would cost more than the redirect itself: they log at debug.
      config: { requestLogLevel: 'debug' },
      handler: (request, reply) => this.follow(request as SlugRequest, reply),
    });
  }

  private follow(request: SlugRequest, reply: FastifyReply): Promise<void> | void {
    try {
      const followed = this.redirect.follow(request, reply);
      return followed instanceof Promise
        ? followed.catch((error: unknown) => sendError(reply, request, error, this.logger))
        : followed;
    } catch (error) {
      sendError(reply, request, error, this.logger);
    }
  }
}
