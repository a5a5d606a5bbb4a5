import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppException, findInputProblem, sendError } from '@app/common';

/**
 * What no API route accepts, checked once for every `/api/` request, after Fastify parsed it and before
 * any guard, pipe or handler sees it: path parameters, query and body holding text PostgreSQL cannot
 * store (a NUL, an unpaired surrogate) or nested deeper than class-validator can walk. A 400
 * `validation_failed` naming the field, where it was a database error or a stack overflow (a 500).
 * The redirect's routes are left alone: they are the hot path, and an impossible slug is simply not found.
 */
@Injectable()
export class InputBoundary implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('preValidation', async (request) => checkInput(request));
  }
}

export function checkInput(request: FastifyRequest): void {
  if (!request.url.startsWith('/api/')) return;
  // A wildcard route's parameter (`*`) is the rest of the path.
  const { '*': rest, ...params } = (request.params ?? {}) as Record<string, unknown>;
  const problem =
    findInputProblem(params, '', 'path') ??
    findInputProblem(rest, 'path') ??
    findInputProblem(request.query, '', 'query') ??
    findInputProblem(request.body, '', 'body');
  if (problem) throw AppException.badRequest('Validation failed', [problem]);
}

const errorLogger = new Logger('Errors');

/**
 * Fastify's `frameworkErrors`: a path its router cannot decode (`%FF`, `%`, an encoded surrogate) or with a
 * segment over the parameter length limit, answered in the error format of docs/API.md (Fastify's own body
 * has no requestId and a FST_ code) as a 400 naming the path.
 */
export function answerFrameworkError(
  error: Error & { code?: string },
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const message =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? 'path has a segment too long for any route'
      : error.code === 'FST_ERR_BAD_URL'
        ? 'path is not valid percent-encoded UTF-8'
        : 'path is not accepted';
  // The router failed before any hook ran: the headers every answer carries are set here.
  reply.header('X-Request-Id', request.id).header('X-Content-Type-Options', 'nosniff');
  sendError(reply, request, AppException.invalidField('path', message), errorLogger);
}
