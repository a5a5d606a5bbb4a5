/**
 * Type-level test, compiled by `npm run typecheck` (never run): a `switch` over a LinkTraceError's `code` that names
 * every documented code is exhaustive. A code added to the API (ERROR_CATALOG → openapi.json → the SDK's types)
 * without a case here fails the type check, and so does a case for a code the API no longer documents.
 */
import { ERROR_CATALOG, ErrorCode as ServerErrorCode } from '@app/common';
import type { ApiErrorCode, ErrorCode, LinkTraceError } from '@linktrace/sdk';

export function describeError(error: LinkTraceError): string {
  const code = error.code;
  switch (code) {
    case 'validation_failed':
      return `fix the request: ${error.errors.map((field) => field.field).join(', ')}`;
    case 'unauthorized':
    case 'invalid_api_key':
    case 'api_key_revoked':
    case 'api_key_expired':
    case 'invalid_credentials':
    case 'password_required':
      return 'check the credential';
    case 'insufficient_scope':
    case 'publishable_key_not_allowed':
    case 'session_required':
    case 'forbidden':
    case 'csrf_invalid':
    case 'origin_not_allowed':
      return 'not allowed';
    case 'plan_upgrade_required':
    case 'quota_exceeded':
      return 'upgrade the plan';
    case 'not_found':
    case 'link_expired':
      return 'gone';
    case 'conflict':
      return 'already exists';
    case 'request_timeout':
    case 'payload_too_large':
    case 'invalid_csv':
    case 'unsupported_media_type':
    case 'headers_too_large':
      return 'request refused as sent';
    case 'rate_limit_exceeded':
      return 'slow down';
    case 'internal_error':
    case 'service_unavailable':
    case 'analytics_rebuilding':
    case 'analytics_timeout':
      return 'try again later';
    case 'missing_api_key':
    case 'connection_error':
    case 'timeout':
    case 'unexpected_response':
      return 'no answer from the API';
    default:
      return code satisfies never;
  }
}

// The SDK's documented codes are exactly the server's codes, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const sameCodes: Same<ApiErrorCode, ServerErrorCode> = true;
export const everyCodeHasAStatus: Record<ApiErrorCode, { status: number }> = ERROR_CATALOG;
export type { ErrorCode };
