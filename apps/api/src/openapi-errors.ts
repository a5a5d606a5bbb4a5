import { STATUS_CODES } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import type {
  ComponentsObject,
  HeaderObject,
  OperationObject,
  ParameterObject,
  ResponseObject,
  SchemaObject,
  ServerObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { AccessRule, isReadMethod } from '@app/auth';
import { DOCUMENTED_ERRORS_KEY, ERROR_CATALOG, ErrorCode } from '@app/common';
import { FEATURES, PLAN_FEATURE_KEY, PLAN_ORDER, PlanFeature } from '@app/plans';
import { MAX_PARAM_LENGTH } from './bootstrap';
import { registeredRoutes } from './core/registered-routes';

/** What the document needs to know of a route to list the errors it can answer. */
export interface RouteErrorFacts {
  method: string;
  rule: AccessRule | undefined;
  plan: PlanFeature | undefined;
  /** Errors its service declares with `@ApiErrors`. */
  declared: ErrorCode[];
  hasBody: boolean;
  hasQuery: boolean;
  hasPathParameters: boolean;
  /** Under `/api/`, where the input boundary refuses a NUL or lone surrogate in any query value, declared or not. */
  underApi: boolean;
}

const json = 'application/json';
const ref = (kind: 'schemas' | 'headers' | 'examples' | 'responses', name: string) => ({
  $ref: `#/components/${kind}/${name}`,
});

/**
 * The error codes a route can answer, derived from what the route says of itself; a new route gets them without
 * a decorator. Errors only its service knows (409 slug taken, 410, a quota) come from `@ApiErrors`.
 */
export function errorCodesOf(route: RouteErrorFacts): ErrorCode[] {
  const codes = new Set<ErrorCode>(route.declared);
  // Malformed JSON, unknown or invalid fields and parameters (the global ValidationPipe); under /api any query
  // string, even one the route does not read (the input boundary, core/input-boundary.ts).
  if (route.hasBody || route.hasQuery || route.underApi) codes.add(ErrorCode.validationFailed);
  if (route.hasBody) codes.add(ErrorCode.payloadTooLarge).add(ErrorCode.unsupportedMediaType);
  const rule = route.rule;
  if (rule?.kind === 'authenticated') {
    // A Bearer credential is verified before the rule is applied, so every kind of 401 applies to every route.
    [ErrorCode.unauthorized, ErrorCode.invalidApiKey, ErrorCode.apiKeyRevoked, ErrorCode.apiKeyExpired].forEach(
      (code) => codes.add(code),
    );
    // X-Workspace-Id of another workspace, a role the route does not allow, another workspace's resource.
    codes.add(ErrorCode.forbidden);
    if (rule.session) codes.add(ErrorCode.sessionRequired);
    else {
      codes.add(rule.publishable ? ErrorCode.originNotAllowed : ErrorCode.publishableKeyNotAllowed);
      if (!rule.anyScope) codes.add(ErrorCode.insufficientScope);
    }
    if (!isReadMethod(route.method)) codes.add(ErrorCode.csrfInvalid);
    if (route.plan) codes.add(ErrorCode.planUpgradeRequired);
    if (route.hasPathParameters) codes.add(ErrorCode.notFound);
    codes.add(ErrorCode.rateLimitExceeded).add(ErrorCode.serviceUnavailable);
  } else if (rule?.kind === 'admin') {
    codes.add(ErrorCode.unauthorized).add(ErrorCode.forbidden).add(ErrorCode.serviceUnavailable);
    if (route.hasPathParameters) codes.add(ErrorCode.notFound);
  }
  codes.add(ErrorCode.internalError);
  return [...codes];
}

/** Only authenticated callers have a rate limit: their responses carry its headers (not a 401: no caller yet). */
function carriesRateLimit(route: RouteErrorFacts, status: number): boolean {
  return route.rule?.kind === 'authenticated' && status !== 401 && status < 500;
}

/**
 * Adds to the document the shared error schema, the rate-limit headers, and on every operation the errors its
 * route can answer (one response per status, its codes as an enum, an example per code), `security: []` on
 * public routes and `servers`.
 */
export function documentErrors(app: INestApplication, document: OpenAPIObject, publicUrl: string): void {
  const components = (document.components ??= {});
  Object.assign((components.schemas ??= {}), errorSchemas());
  Object.assign((components.headers ??= {}), RATE_LIMIT_HEADERS);
  const local = /^https?:\/\/(localhost|127\.0\.0\.1)(:|$)/.test(publicUrl);
  document.servers = [
    {
      url: publicUrl,
      description: `${local ? 'Local' : 'Production'} LinkTrace server (PUBLIC_URL)`,
      'x-internal': false,
    } as ServerObject,
  ];

  const routes = new Map(registeredRoutes(app).map((route) => [route.operationId, route]));
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const) {
      const operation = item[method];
      if (!operation) continue;
      const route = routes.get(operation.operationId ?? '');
      if (!route) throw new Error(`OpenAPI: no route found for ${method.toUpperCase()} ${path}`);
      const [handler] = route.targets;
      const parameters = (operation.parameters ?? []) as ParameterObject[];
      const facts: RouteErrorFacts = {
        method: route.method,
        rule: route.rule,
        plan: Reflect.getMetadata(PLAN_FEATURE_KEY, handler),
        declared: Reflect.getMetadata(DOCUMENTED_ERRORS_KEY, handler) ?? [],
        hasBody: operation.requestBody !== undefined,
        hasQuery: parameters.some((parameter) => parameter.in === 'query'),
        hasPathParameters: parameters.some((parameter) => parameter.in === 'path'),
        underApi: path.startsWith('/api/'),
      };
      if (route.rule?.kind === 'public') operation.security = [];
      // The router answers 404 to a longer path parameter.
      for (const parameter of parameters)
        if (parameter.in === 'path' && parameter.schema && !('$ref' in parameter.schema))
          parameter.schema.maxLength ??= MAX_PARAM_LENGTH;
      addErrorResponses(components, operation, facts, `${method.toUpperCase()} ${path}`);
    }
  }
}

/**
 * Identical error responses (same status, codes, headers and examples) are one entry of components.responses, named
 * after them (`Unauthorized.api_key_expired.api_key_revoked…`), and each example one entry of components.examples.
 */
function addErrorResponses(
  components: ComponentsObject,
  operation: OperationObject,
  route: RouteErrorFacts,
  name: string,
): void {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of errorCodesOf(route)) {
    const { status } = ERROR_CATALOG[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, response] of Object.entries(operation.responses) as [string, ResponseObject][]) {
    if (byStatus.has(Number(status)))
      throw new Error(`OpenAPI: ${name} documents ${status} by hand; declare its codes with @ApiErrors instead`);
    if (carriesRateLimit(route, Number(status))) response.headers = { ...response.headers, ...rateLimitHeaderRefs() };
  }
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    codes.sort();
    const headers = carriesRateLimit(route, status) ? rateLimitHeaderRefs() : {};
    if (status === 429) headers['Retry-After'] = ref('headers', 'Retry-After');
    const examples = codes.map((code) => exampleName(code, route));
    for (const [index, code] of codes.entries())
      (components.examples ??= {})[examples[index]] ??= { value: exampleBody(code, route) };
    const responseName =
      [STATUS_CODES[status]!.replace(/[^A-Za-z]/g, ''), ...examples].join('.') +
      (Object.keys(headers).some((header) => header.startsWith('X-RateLimit')) ? '.RateLimited' : '');
    (components.responses ??= {})[responseName] ??= {
      description: `${STATUS_CODES[status]}: ${codes.map((code) => `\`${code}\``).join(', ')}`,
      ...(Object.keys(headers).length > 0 && { headers }),
      content: {
        [json]: {
          schema: {
            allOf: [
              ref('schemas', 'Error'),
              { type: 'object', required: ['code'], properties: { code: { type: 'string', enum: codes } } },
            ],
          },
          examples: Object.fromEntries(codes.map((code, index) => [code, ref('examples', examples[index])])),
        },
      },
    };
    operation.responses[status] = ref('responses', responseName);
  }
}

/** `plan_upgrade_required` names the route's feature; every other code has one example. */
function exampleName(code: ErrorCode, route: RouteErrorFacts): string {
  return code === ErrorCode.planUpgradeRequired ? `${code}.${route.plan ?? 'advancedAnalytics'}` : code;
}

function exampleBody(code: ErrorCode, route: RouteErrorFacts): Record<string, unknown> {
  const { status, example } = ERROR_CATALOG[code];
  const body: Record<string, unknown> = {
    statusCode: status,
    error: STATUS_CODES[status],
    message: example,
    code,
    requestId: '5f0c6a8e-3b7d-4c1e-9a2f-8d4b6e1c7a90',
  };
  if (code === ErrorCode.validationFailed) body.errors = [{ field: 'url', message: 'url must be a URL address' }];
  if (code === ErrorCode.planUpgradeRequired) {
    const feature = FEATURES[route.plan ?? 'advancedAnalytics'];
    body.message = `${feature.label} requires the ${feature.minimumPlan} plan or above`;
    body.requiredPlan = feature.minimumPlan;
  }
  if (code === ErrorCode.quotaExceeded) body.limit = 250;
  return body;
}

function rateLimitHeaderRefs(): Record<string, { $ref: string }> {
  return Object.fromEntries(
    ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'].map((name) => [name, ref('headers', name)]),
  );
}

const integerHeader = (description: string): HeaderObject => ({
  description,
  schema: { type: 'integer', format: 'int32', minimum: 0 },
});

const RATE_LIMIT_HEADERS: Record<string, HeaderObject> = {
  'X-RateLimit-Limit': integerHeader(
    "Requests the caller's bucket holds: twice its per-minute rate (200 by default; a key's `rateLimit` sets the rate)",
  ),
  'X-RateLimit-Remaining': integerHeader('Requests left in the bucket'),
  'X-RateLimit-Reset': integerHeader('Seconds until the bucket is full again'),
  'Retry-After': integerHeader('Seconds to wait before the next request'),
};

function errorSchemas(): Record<string, SchemaObject> {
  const codes = Object.keys(ERROR_CATALOG).sort();
  return {
    ErrorCode: {
      type: 'string',
      enum: codes,
      description: 'Every error code of the API; each operation lists the ones it can answer.',
    },
    FieldError: {
      type: 'object',
      required: ['field', 'message'],
      properties: {
        field: { type: 'string', maxLength: 200, description: 'The field or parameter, e.g. `url` or `tags.0`' },
        message: { type: 'string', maxLength: 1000 },
      },
    },
    Error: {
      type: 'object',
      description: 'The body of every error of every route: `code` is for programs (stable), `message` for people.',
      required: ['statusCode', 'error', 'message', 'code', 'requestId'],
      properties: {
        statusCode: {
          type: 'integer',
          format: 'int32',
          minimum: 400,
          maximum: 599,
          description: 'The HTTP status, repeated',
        },
        error: { type: 'string', maxLength: 100, description: 'The status text, e.g. `Forbidden`' },
        message: { type: 'string', maxLength: 1000, description: 'For people; may change between releases' },
        code: ref('schemas', 'ErrorCode'),
        requestId: {
          type: 'string',
          maxLength: 100,
          description: 'Also sent as X-Request-Id; quote it when asking for support',
        },
        errors: {
          type: 'array',
          maxItems: 1000,
          items: ref('schemas', 'FieldError'),
          description: 'With `validation_failed`: each field refused',
        },
        requiredPlan: {
          type: 'string',
          enum: [...PLAN_ORDER],
          description: 'With `plan_upgrade_required`: the least plan that includes the feature',
        },
        limit: {
          type: 'integer',
          format: 'int32',
          minimum: 0,
          description: 'With `quota_exceeded`: the quota of the current plan',
        },
      },
    },
  };
}
