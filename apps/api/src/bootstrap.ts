import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import type { ModuleMetadata } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyInstance, FastifyReply, FastifyRequest, LogController, RouteOptions } from 'fastify';
import { AppConfig, loadConfig, MetricsService, rawClientErrorResponse } from '@app/common';
import type { DestinationStream, Logger } from 'pino';
import { AppModule } from './app.module';
import { MAX_IMPORT_FILE_BYTES } from './imports/import-upload';
import { answerFrameworkError } from './core/input-boundary';
import { createLogger, lazyChildLoggerFactory } from './core/logger';
import { PinoNestLogger } from './core/pino-nest.logger';
import { serveOpenApi } from './openapi';
import { REDIRECT_ROUTE, RedirectFastPath } from './redirect/redirect-fast-path';

const BODY_LIMIT_BYTES = 1024 * 1024;
/** Short-link slugs go up to 190 characters (Fastify's default stops path parameters at 100). */
export const MAX_PARAM_LENGTH = 200;

type LogLevel = 'info' | 'debug';

/** Route config (`@RouteConfig`) of the routes that read HTML form posts; every other route reads JSON only. */
export interface BodyRouteConfig {
  acceptsForm?: boolean;
  /** File uploads (`POST /api/v1/imports`): the handler reads the multipart body as it streams in. */
  acceptsMultipart?: boolean;
}

/**
 * One log line per request, when it completes (Fastify's default writes two). A route may lower its
 * level with `@RouteConfig({ requestLogLevel: 'debug' })` (the redirect does); failures always log.
 */
class RequestLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const level =
      error || reply.statusCode >= 500
        ? 'error'
        : ((request.routeOptions.config as { requestLogLevel?: LogLevel }).requestLogLevel ?? 'info');
    if (!(request.log as Logger).isLevelEnabled(level)) return;
    const line = {
      method: request.method,
      url: request.url,
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime),
    };
    if (error) request.log.error({ ...line, err: error }, 'request failed');
    else request.log[level](line, 'request');
  }
}

/**
 * Builds the whole application, ready to listen: the one bootstrap used by main.ts, the tests and
 * the scripts, so what is tested is what runs.
 */
export interface CreateAppOptions {
  /** Where log lines go (default stdout); tests read them to prove nothing secret is logged. */
  logDestination?: DestinationStream;
  /** Extra modules, for test-only probe routes. */
  imports?: ModuleImport[];
  /** Where an in-memory embedded database starts: tests pass one already migrated (DatabaseTarget.initialData). */
  embeddedInitialData?: Blob;
}

type ModuleImport = NonNullable<ModuleMetadata['imports']>[number];

export async function createApp(
  config: AppConfig = loadConfig(),
  options: CreateAppOptions = {},
): Promise<NestFastifyApplication> {
  const logger = createLogger(config.LOG_LEVEL, options.logDestination);
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    logController: new RequestLogController(),
    trustProxy: config.TRUST_PROXY,
    bodyLimit: BODY_LIMIT_BYTES,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors: answerFrameworkError,
    genReqId: () => randomUUID(),
    // Errors of the HTTP parser (a URL or headers too large, a malformed request) answer in our format too.
    clientErrorHandler: (error: Error & { code?: string }, socket) => {
      if (socket.writable) socket.end(rawClientErrorResponse(error.code, randomUUID()));
    },
    childLoggerFactory: lazyChildLoggerFactory,
  });
  const beforeRouting = new RedirectsBeforeRouting(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, options.imports, options.embeddedInitialData),
    adapter,
    {
      logger: new PinoNestLogger(logger),
      // Our own parsers (registerBodyParsers) instead of Nest's, which parse forms on every route.
      bodyParser: false,
    },
  );

  await app.register(fastifyCookie);
  const metrics = app.get(MetricsService);
  // Errors Fastify raises before a handler (malformed JSON, body too large, content type) reach the global
  // filter through Nest's error handler, so they get the error body of docs/API.md too.
  const fastify = app.getHttpAdapter().getInstance();
  registerBodyParsers(fastify);
  // Multipart bodies are left unread until a route that accepts them streams its file (at most 50 MB).
  await app.register(fastifyMultipart, {
    limits: { fileSize: MAX_IMPORT_FILE_BYTES, files: 1, fields: 10, fieldSize: 1_000, parts: 20 },
  });
  fastify.addHook('preValidation', (request, _reply, done) => {
    if (request.isMultipart() && !(request.routeOptions.config as BodyRouteConfig).acceptsMultipart)
      return done(Object.assign(new Error('Multipart body on a JSON route'), { statusCode: 415 }));
    done();
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('X-Request-Id', request.id);
    // No browser may guess another type than the one we send (a JSON error read as HTML, say).
    reply.header('X-Content-Type-Options', 'nosniff');
    done();
  });
  const requestMetrics = new RequestMetrics(metrics);
  fastify.addHook('onResponse', (request, reply, done) => {
    requestMetrics.observe(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime);
    done();
  });

  await serveOpenApi(app);
  await app.init();
  beforeRouting.start(app.get(RedirectFastPath), requestMetrics, logger);
  return app;
}

/**
 * Redirects answered from node's `request` event by RedirectFastPath when it can (a cached link's plain 302),
 * before Fastify: building its request and reply, its hooks, router and reply pipeline cost more CPU than the
 * redirect itself. What the hooks above do for every answer is done here too: the request id and nosniff headers,
 * the request metrics; no request log line (the redirect's is at debug level: with debug on, Fastify answers).
 * While Fastify closes (it answers 503 then), and for every request the fast path leaves, Fastify answers.
 */
class RedirectsBeforeRouting {
  /** Single-segment paths of the GET routes beside `/:slug` (`/docs`): the router prefers them. */
  private readonly otherRoutes = new Set<string>();
  private closing = false;

  /** Created with the Fastify instance, before any route: it must see every route registered. */
  constructor(private readonly fastify: FastifyInstance) {
    fastify.addHook('onRoute', (route: RouteOptions) => {
      const methods = [route.method].flat();
      if (route.url !== REDIRECT_ROUTE && route.url.lastIndexOf('/') === 0 && methods.some(isGetOrHead))
        this.otherRoutes.add(route.url);
    });
    fastify.addHook('preClose', (done) => {
      this.closing = true;
      done();
    });
  }

  start(fastPath: RedirectFastPath, requestMetrics: RequestMetrics, logger: Logger): void {
    const server = this.fastify.server;
    const listeners = server.listeners('request');
    if (listeners.length !== 1) throw new Error(`Expected Fastify's request listener alone, found ${listeners.length}`);
    const route = listeners[0] as (request: IncomingMessage, response: ServerResponse) => void;
    const { otherRoutes } = this;
    for (const path of otherRoutes) {
      // A parametric route beside `/:slug` (`/:id.json`) would take some of its paths: the fast path cannot tell which.
      if (/[:*]/.test(path)) return;
    }
    server.removeListener('request', route);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      const start = performance.now();
      if (
        this.closing ||
        logger.isLevelEnabled('debug') ||
        !fastPath.answer(request, response, otherRoutes, MAX_PARAM_LENGTH)
      ) {
        route.call(server, request, response);
        return;
      }
      requestMetrics.observe(request.method!, REDIRECT_ROUTE, response.statusCode, performance.now() - start);
    });
  }
}

function isGetOrHead(method: string): boolean {
  return method === 'GET' || method === 'HEAD';
}

/**
 * Bodies are JSON (`Content-Type: application/json`); only routes with `acceptsForm` also read HTML form posts
 * (the redirect's password form). Any other body, or a body without a content type, is 415 saying to send JSON
 * (Fastify's own 415, or the form parser's). An empty JSON body is no body: clients that send the JSON content
 * type on every call (a DELETE too) are not refused for it.
 */
function registerBodyParsers(fastify: FastifyInstance): void {
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') return done(null, undefined);
    parseJson(request, body as string, done);
  });
  fastify.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (request: FastifyRequest, body: string | Buffer, done) => {
      if (!(request.routeOptions.config as BodyRouteConfig).acceptsForm) {
        return done(Object.assign(new Error('Form body on a JSON route'), { statusCode: 415 }), undefined);
      }
      done(null, Object.fromEntries(new URLSearchParams(body.toString())));
    },
  );
}

/**
 * Request count and latency by method, route pattern (not the URL: label cardinality stays bounded) and
 * status. The labelled children are bound once and found again by route, method and status in nested maps:
 * prom-client hashes a label object on every labelled call (count and duration are tallies for that reason), and a key string
 * built per request would be an allocation on the redirect's path.
 */
class RequestMetrics {
  private readonly children = new Map<string, Map<string, Map<number, RequestMetricsChild>>>();

  constructor(private readonly metrics: MetricsService) {}

  observe(method: string, routeUrl: string | undefined, status: number, elapsedMs: number): void {
    const route = routeUrl ?? 'unmatched';
    let byMethod = this.children.get(route);
    if (!byMethod) this.children.set(route, (byMethod = new Map()));
    let byStatus = byMethod.get(method);
    if (!byStatus) byMethod.set(method, (byStatus = new Map()));
    let child = byStatus.get(status);
    if (!child) {
      child = {
        requests: this.metrics.tally(this.metrics.httpRequests, { method, route, status }),
        duration: this.metrics.httpDuration.tally({ method, route }),
      };
      byStatus.set(status, child);
    }
    child.requests.inc();
    child.duration.observe(elapsedMs / 1000);
  }
}

interface RequestMetricsChild {
  requests: { inc(): void };
  duration: { observe(seconds: number): void };
}
