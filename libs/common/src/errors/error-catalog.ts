import { SetMetadata } from '@nestjs/common';
import { ErrorCode } from './error-codes';

export interface ErrorCodeInfo {
  /** The one HTTP status this code is sent with. */
  status: number;
  /** A message it is sent with, for the examples of the OpenAPI document. */
  example: string;
}

/**
 * Every error code with its status: the OpenAPI document groups a route's codes by status from it. A `Record`,
 * so a code added to ErrorCode without an entry here fails the type check.
 */
export const ERROR_CATALOG: Record<ErrorCode, ErrorCodeInfo> = {
  validation_failed: { status: 400, example: 'Validation failed' },
  invalid_csv: {
    status: 400,
    example: 'Row 12 (line 13): Invalid Closing Quote: got "x" at line 13 instead of delimiter',
  },
  unauthorized: { status: 401, example: 'Missing or invalid API key' },
  invalid_api_key: { status: 401, example: 'Invalid API key' },
  api_key_revoked: { status: 401, example: 'API key has been deleted or revoked' },
  api_key_expired: { status: 401, example: 'API key has expired' },
  invalid_credentials: { status: 401, example: 'Invalid email or password' },
  password_required: { status: 401, example: 'This link is protected by a password' },
  insufficient_scope: { status: 403, example: 'Missing required scope: links' },
  publishable_key_not_allowed: { status: 403, example: 'Publishable keys can only write conversion events' },
  session_required: { status: 403, example: 'This route requires a dashboard session' },
  forbidden: { status: 403, example: 'You do not have access to this resource' },
  csrf_invalid: { status: 403, example: 'Missing or invalid CSRF token' },
  origin_not_allowed: { status: 403, example: 'This origin is not allowed to use this publishable key' },
  plan_upgrade_required: { status: 403, example: 'Advanced analytics requires the starter plan or above' },
  quota_exceeded: { status: 403, example: 'Monthly new links limit reached for the free plan' },
  not_found: { status: 404, example: 'Link not found' },
  request_timeout: { status: 408, example: 'Request timed out' },
  conflict: { status: 409, example: 'Slug "launch" is already in use on lt.example.com' },
  link_expired: { status: 410, example: 'This link has expired' },
  payload_too_large: { status: 413, example: 'Request body is too large' },
  unsupported_media_type: {
    status: 415,
    example: 'Unsupported content type; send the body as JSON with Content-Type: application/json',
  },
  rate_limit_exceeded: { status: 429, example: 'Rate limit exceeded: 100 requests per minute, bursts of 200' },
  headers_too_large: { status: 431, example: 'Request headers or URL are too large' },
  internal_error: { status: 500, example: 'Internal server error' },
  service_unavailable: { status: 503, example: 'Service temporarily unavailable' },
  analytics_rebuilding: {
    status: 503,
    example: 'Analytics are being rebuilt from the stored clicks on this server: try again shortly',
  },
  analytics_timeout: {
    status: 503,
    example: 'The analytics query took too long and was cancelled: try a shorter range or fewer filters',
  },
};

export const DOCUMENTED_ERRORS_KEY = 'linktrace:documented-errors';

/**
 * Errors a route's service may answer beyond what the OpenAPI document derives from the route itself (its access
 * rule, plan gate, request body, query and path parameters): e.g. `@ApiErrors(ErrorCode.conflict)` for a slug taken.
 */
export function ApiErrors(...codes: ErrorCode[]): MethodDecorator {
  return SetMetadata(DOCUMENTED_ERRORS_KEY, codes);
}
