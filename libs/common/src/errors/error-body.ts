import { STATUS_CODES } from 'node:http';
import { HttpException, HttpStatus } from '@nestjs/common';
import { AppException } from './app.exception';
import { isDatabaseUnavailable } from './database-unavailable';
import { ErrorCode } from './error-codes';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  code: string;
  requestId: string;
  [extra: string]: unknown;
}

export interface ErrorResponse {
  body: ErrorBody;
  headers: Record<string, string | number>;
  /** True when the error is ours to fix: it is logged with its stack. */
  unexpected: boolean;
}

const codeByStatus: Record<number, ErrorCode> = {
  400: ErrorCode.validationFailed,
  401: ErrorCode.unauthorized,
  403: ErrorCode.forbidden,
  404: ErrorCode.notFound,
  405: ErrorCode.notFound,
  408: ErrorCode.requestTimeout,
  409: ErrorCode.conflict,
  413: ErrorCode.payloadTooLarge,
  415: ErrorCode.unsupportedMediaType,
  431: ErrorCode.headersTooLarge,
  429: ErrorCode.rateLimitExceeded,
  503: ErrorCode.serviceUnavailable,
};

/** Messages of framework errors that are safe to show, by status; anything else gets the generic one. */
const frameworkMessages: Record<number, string> = {
  400: 'Malformed request',
  413: 'Request body is too large',
  415: 'Unsupported content type; send the body as JSON with Content-Type: application/json',
  429: 'Rate limit exceeded',
};

interface FrameworkError {
  statusCode?: number;
  code?: string;
  message?: string;
}

/** Builds the error body of docs/API.md for any thrown value: ours, Nest's, Fastify's or unexpected. */
export function toErrorResponse(error: unknown, requestId: string): ErrorResponse {
  if (error instanceof AppException) {
    return {
      body: { ...base(error.getStatus(), error.message, error.code, requestId), ...error.extra },
      headers: error.headers,
      unexpected: false,
    };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    // Nest's and Fastify's own 4xx messages are generic ("Request body is too large"); 5xx ones are hidden.
    const message =
      status === 404
        ? notFoundMessage(error)
        : status >= 500
          ? 'Internal server error'
          : status === 415
            ? frameworkMessages[415]
            : error.message;
    return {
      body: base(status, message, codeByStatus[status] ?? ErrorCode.internalError, requestId),
      headers: {},
      unexpected: status >= 500,
    };
  }
  const framework = error as FrameworkError;
  if (typeof framework?.statusCode === 'number' && framework.statusCode >= 400 && framework.statusCode < 500) {
    const status = framework.statusCode;
    const message =
      error instanceof SyntaxError
        ? 'Malformed JSON in request body'
        : (frameworkMessages[status] ?? 'Malformed request');
    return {
      body: base(status, message, codeByStatus[status] ?? ErrorCode.validationFailed, requestId),
      headers: {},
      unexpected: false,
    };
  }
  if (isDatabaseUnavailable(error)) {
    // Logged (an operator must see it), but not a bug of the request: clients and crawlers should retry later.
    return {
      body: base(
        HttpStatus.SERVICE_UNAVAILABLE,
        'Service temporarily unavailable',
        ErrorCode.serviceUnavailable,
        requestId,
      ),
      headers: {},
      unexpected: true,
    };
  }
  return {
    body: base(HttpStatus.INTERNAL_SERVER_ERROR, 'Internal server error', ErrorCode.internalError, requestId),
    headers: {},
    unexpected: true,
  };
}

function base(status: number, message: string, code: string, requestId: string): ErrorBody {
  return { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message, code, requestId };
}

function notFoundMessage(error: HttpException): string {
  // Nest's router says "Cannot GET /x"; keep the route, drop nothing sensitive.
  const match = /^Cannot (\w+) (.*)$/.exec(error.message);
  return match ? `Route ${match[1]} ${match[2].split('?')[0]} not found` : error.message;
}

/**
 * A complete raw HTTP response for errors Node's HTTP parser raises before any request object exists
 * (headers or URL too large, malformed request line, timeouts), in the same body format.
 */
export function rawClientErrorResponse(parserCode: string | undefined, requestId: string): string {
  const status = parserCode === 'HPE_HEADER_OVERFLOW' ? 431 : parserCode === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const message =
    status === 431
      ? 'Request headers or URL are too large'
      : status === 408
        ? 'Request timed out'
        : 'Malformed HTTP request';
  const body = JSON.stringify(base(status, message, codeByStatus[status], requestId));
  return [
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
    'Content-Type: application/json; charset=utf-8',
    'X-Content-Type-Options: nosniff',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `X-Request-Id: ${requestId}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}
