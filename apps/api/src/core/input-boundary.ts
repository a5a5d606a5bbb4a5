import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppException, findInputProblem } from '@app/common';

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
