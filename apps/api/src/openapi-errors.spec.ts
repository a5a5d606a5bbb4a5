import { ErrorCode } from '@app/common';
import { errorCodesOf, RouteErrorFacts } from './openapi-errors';

const route = (facts: Partial<RouteErrorFacts>): RouteErrorFacts => ({
  method: 'GET',
  rule: { kind: 'authenticated', scopes: ['links'] },
  plan: undefined,
  declared: [],
  hasBody: false,
  hasQuery: false,
  hasPathParameters: false,
  underApi: false,
  ...facts,
});

describe('errorCodesOf: the errors a route can answer, from the route', () => {
  it('a keyed read: every 401, scope, publishable key, another workspace, rate limit, outage', () => {
    expect(errorCodesOf(route({})).sort()).toEqual(
      [
        'api_key_expired',
        'api_key_revoked',
        'forbidden',
        'insufficient_scope',
        'internal_error',
        'invalid_api_key',
        'publishable_key_not_allowed',
        'rate_limit_exceeded',
        'service_unavailable',
        'unauthorized',
      ].sort(),
    );
  });

  it.each([
    [
      'a body',
      { method: 'POST', hasBody: true },
      ['validation_failed', 'payload_too_large', 'unsupported_media_type', 'csrf_invalid'],
    ],
    ['a query', { hasQuery: true }, ['validation_failed']],
    ['any route under /api (the input boundary reads every query string)', { underApi: true }, ['validation_failed']],
    ['a path parameter', { hasPathParameters: true }, ['not_found']],
    ['a write (sessions need the CSRF token)', { method: 'DELETE' }, ['csrf_invalid']],
    ['a plan gate', { plan: 'advancedAnalytics' as const }, ['plan_upgrade_required']],
    ['declared errors', { declared: [ErrorCode.conflict, ErrorCode.quotaExceeded] }, ['conflict', 'quota_exceeded']],
  ])('%s adds its errors', (_name, facts, added) => {
    const without = new Set(errorCodesOf(route({})));
    const codes = errorCodesOf(route(facts));
    expect(codes.filter((code) => !without.has(code)).sort()).toEqual([...added].sort());
  });

  it('session-only routes: session_required, never a scope or publishable-key error', () => {
    const codes = errorCodesOf(route({ rule: { kind: 'authenticated', session: true } }));
    expect(codes).toContain('session_required');
    expect(codes).not.toContain('insufficient_scope');
    expect(codes).not.toContain('publishable_key_not_allowed');
  });

  it('publishable-key routes: origin_not_allowed instead of publishable_key_not_allowed', () => {
    const codes = errorCodesOf(route({ rule: { kind: 'authenticated', scopes: ['conversions'], publishable: true } }));
    expect(codes).toContain('origin_not_allowed');
    expect(codes).not.toContain('publishable_key_not_allowed');
  });

  it('public routes: only what their input and service say', () => {
    expect(errorCodesOf(route({ rule: { kind: 'public', identify: false } }))).toEqual(['internal_error']);
    expect(
      errorCodesOf(
        route({ method: 'POST', rule: { kind: 'public', identify: false }, hasBody: true, declared: ['conflict'] }),
      ).sort(),
    ).toEqual(['conflict', 'internal_error', 'payload_too_large', 'unsupported_media_type', 'validation_failed']);
  });
});
