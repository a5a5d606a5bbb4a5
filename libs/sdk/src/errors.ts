import type { components } from './schema.js';

/** Every error code the API documents (openapi.json, `ErrorCode`): `switch (error.code)` can be exhaustive. */
export type ApiErrorCode = components['schemas']['ErrorCode'];

/**
 * The SDK's own codes: no API key given, no answer (`connection_error`, `timeout`), or an answer that is not the
 * API's error body (e.g. a proxy's HTML page; its status is in `status`).
 */
export type SdkErrorCode = 'missing_api_key' | 'connection_error' | 'timeout' | 'unexpected_response';

/** `code` of every LinkTraceError. A newer server may send a code this version does not list yet. */
export type ErrorCode = ApiErrorCode | SdkErrorCode;

/** A field the API refused, as in the `errors` array of a 400 validation_failed body. */
export interface FieldError {
  field: string;
  message: string;
}

/** One value per subclass: `switch (error.kind)` narrows to it. */
export type LinkTraceErrorKind =
  | 'validation'
  | 'authentication'
  | 'permission'
  | 'not_found'
  | 'conflict'
  | 'rate_limit'
  | 'server'
  | 'connection'
  | 'api';

interface ErrorDetails {
  status: number;
  code: ErrorCode;
  message: string;
  requestId: string | null;
  body?: unknown;
  cause?: unknown;
}

/**
 * Every failure the SDK reports: an error answer of the API (its status, `code`, `message` and
 * `requestId`, to quote when asking for support) or a request that got no answer (`status` 0).
 */
export class LinkTraceError extends Error {
  readonly kind: LinkTraceErrorKind = 'api';
  /** HTTP status; 0 when no response arrived (ConnectionError). */
  readonly status: number;
  /** The API's error code (`invalid_api_key`, `plan_upgrade_required`, …), or one of the SDK's own (SdkErrorCode). */
  readonly code: ErrorCode;
  readonly requestId: string | null;
  /** Field errors of a 400 (empty otherwise). */
  readonly errors: FieldError[];
  /** The error body as the API sent it. */
  readonly body: unknown;

  constructor(details: ErrorDetails) {
    super(details.message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = new.target.name;
    this.status = details.status;
    this.code = details.code;
    this.requestId = details.requestId;
    this.body = details.body ?? null;
    this.errors = fieldErrors(details.body);
  }
}

/** 400: the request was refused as sent; `errors` names each field. */
export class ValidationError extends LinkTraceError {
  override readonly kind = 'validation' as const;
}

/** 401: no key, an unknown, expired or revoked key. */
export class AuthenticationError extends LinkTraceError {
  override readonly kind = 'authentication' as const;
}

/** 403: missing scope, another workspace's resource, a plan gate (`requiredPlan`) or a quota (`limit`). */
export class PermissionDeniedError extends LinkTraceError {
  override readonly kind = 'permission' as const;
  /** The least plan that opens the feature (code `plan_upgrade_required`). */
  readonly requiredPlan: string | null = numberOrString(this.body, 'requiredPlan', 'string');
  /** The quota that was reached (code `quota_exceeded`). */
  readonly limit: number | null = numberOrString(this.body, 'limit', 'number');
}

/** 404 */
export class NotFoundError extends LinkTraceError {
  override readonly kind = 'not_found' as const;
}

/** 409: e.g. the slug is taken. */
export class ConflictError extends LinkTraceError {
  override readonly kind = 'conflict' as const;
}

/** 429: the key's rate limit; try again after `retryAfter` seconds. */
export class RateLimitError extends LinkTraceError {
  override readonly kind = 'rate_limit' as const;
  readonly retryAfter: number | null;

  constructor(details: ErrorDetails & { retryAfter: number | null }) {
    super(details);
    this.retryAfter = details.retryAfter;
  }
}

/** 5xx, after the retries allowed. */
export class ServerError extends LinkTraceError {
  override readonly kind = 'server' as const;
}

/** No response: the server could not be reached, or did not answer within `timeoutMs`. */
export class ConnectionError extends LinkTraceError {
  override readonly kind = 'connection' as const;
}

/** The typed error for an error response; `body` is the parsed JSON body (or its text). */
export function errorFromResponse(response: Response, body: unknown): LinkTraceError {
  const record = isRecord(body) ? body : {};
  const details: ErrorDetails = {
    status: response.status,
    code: typeof record.code === 'string' ? (record.code as ErrorCode) : 'unexpected_response',
    message:
      typeof record.message === 'string'
        ? record.message
        : `${response.status} ${response.statusText || 'error'}`.trim(),
    requestId: typeof record.requestId === 'string' ? record.requestId : response.headers.get('x-request-id'),
    body,
  };
  switch (response.status) {
    case 400:
      return new ValidationError(details);
    case 401:
      return new AuthenticationError(details);
    case 403:
      return new PermissionDeniedError(details);
    case 404:
      return new NotFoundError(details);
    case 409:
      return new ConflictError(details);
    case 429:
      return new RateLimitError({ ...details, retryAfter: retryAfterSeconds(response.headers.get('retry-after')) });
    default:
      return response.status >= 500 ? new ServerError(details) : new LinkTraceError(details);
  }
}

/** Retry-After in seconds: a number of seconds or an HTTP date. */
export function retryAfterSeconds(header: string | null): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function fieldErrors(body: unknown): FieldError[] {
  if (!isRecord(body) || !Array.isArray(body.errors)) return [];
  return body.errors.filter(
    (item): item is FieldError => isRecord(item) && typeof item.field === 'string' && typeof item.message === 'string',
  );
}

function numberOrString<T extends 'number' | 'string'>(
  body: unknown,
  key: string,
  type: T,
): (T extends 'number' ? number : string) | null {
  const value = isRecord(body) ? body[key] : undefined;
  return typeof value === type ? (value as T extends 'number' ? number : string) : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
