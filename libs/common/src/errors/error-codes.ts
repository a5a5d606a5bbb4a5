/** Machine-readable codes of docs/API.md (Authentication, Errors); the `code` field of every error body. */
export const ErrorCode = {
  unauthorized: 'unauthorized',
  invalidApiKey: 'invalid_api_key',
  apiKeyRevoked: 'api_key_revoked',
  apiKeyExpired: 'api_key_expired',
  insufficientScope: 'insufficient_scope',
  publishableKeyNotAllowed: 'publishable_key_not_allowed',
  sessionRequired: 'session_required',
  forbidden: 'forbidden',
  csrfInvalid: 'csrf_invalid',
  originNotAllowed: 'origin_not_allowed',
  planUpgradeRequired: 'plan_upgrade_required',
  quotaExceeded: 'quota_exceeded',
  validationFailed: 'validation_failed',
  invalidCredentials: 'invalid_credentials',
  notFound: 'not_found',
  /** A short link past its expiry (410), for clients of the redirect that ask for JSON. */
  linkExpired: 'link_expired',
  /** A password-protected short link requested without its password (401), JSON clients of the redirect. */
  passwordRequired: 'password_required',
  conflict: 'conflict',
  payloadTooLarge: 'payload_too_large',
  /** An uploaded CSV file that cannot be read (malformed, unknown format, no URL column). */
  invalidCsv: 'invalid_csv',
  headersTooLarge: 'headers_too_large',
  requestTimeout: 'request_timeout',
  unsupportedMediaType: 'unsupported_media_type',
  rateLimitExceeded: 'rate_limit_exceeded',
  internalError: 'internal_error',
  serviceUnavailable: 'service_unavailable',
  /** The analytics store is rebuilding from PostgreSQL (503 with Retry-After). */
  analyticsRebuilding: 'analytics_rebuilding',
  /** An analytics query cancelled after ANALYTICS_QUERY_TIMEOUT_MS (503 with Retry-After). */
  analyticsTimeout: 'analytics_timeout',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
