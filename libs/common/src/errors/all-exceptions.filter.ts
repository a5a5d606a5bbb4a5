import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toErrorResponse } from './error-body';

/** Writes every error of every route in the error format of docs/API.md; logs the unexpected ones. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    sendError(reply, request, exception, this.logger);
  }
}

export function sendError(
  reply: FastifyReply,
  request: FastifyRequest,
  exception: unknown,
  logger: Pick<Logger, 'error'>,
): void {
  const { body, headers, unexpected } = toErrorResponse(exception, String(request.id));
  if (unexpected) {
    logger.error(
      { err: exception, requestId: request.id, method: request.method, url: request.url },
      'Unhandled error',
    );
  }
  if (reply.sent) return;
  for (const [name, value] of Object.entries(headers)) reply.header(name, value);
  void reply.status(body.statusCode).type('application/json; charset=utf-8').send(body);
}
