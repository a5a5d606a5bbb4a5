import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Response } from 'supertest';
import { ALL_SCOPE_GRANTS } from '@app/auth';
import { arbitraryFor, HOSTILE_STRINGS, Schema } from '../../../test/fuzz/openapi-arbitraries';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';
import { bearer, createKey, setPlan, signUp, SignedUpUser } from '../../../test/helpers/fixtures';

/**
 * Property-based fuzzing of every operation in the committed openapi.json: valid, boundary and hostile
 * inputs (wrong types, huge strings and arrays, unicode, injection strings, prototype-pollution keys,
 * malformed JSON, wrong content types, oversized bodies). Passing means: no 5xx, every 4xx in the
 * docs/API.md (Errors) format, and nothing stored that the contract forbids.
 *   CI: a fixed seed and FUZZ_RUNS per operation (default 15).  Longer: `npm run test:fuzz`.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 15);
const SEED = process.env.FUZZ_SEED === 'random' ? Date.now() : Number(process.env.FUZZ_SEED ?? 20261122);
const ADMIN_TOKEN = 'fuzz-admin-token-0123456789abcdef';
/** Would end the session the other operations use; covered by the accounts spec. */
const SKIPPED = new Set(['POST /api/auth/logout']);

interface Operation {
  method: string;
  path: string;
  parameters: { name: string; in: 'path' | 'query' | 'header'; required?: boolean; schema: Schema }[];
  bodySchema?: Schema;
  security: Record<string, string[]>[];
}

interface FuzzRequest {
  pathValues: Record<string, string>;
  query: Record<string, string>;
  body: { kind: 'json'; value: unknown } | { kind: 'raw'; contentType: string; text: string } | { kind: 'none' };
}

const document = JSON.parse(readFileSync(join(__dirname, '../../../openapi.json'), 'utf8'));
const components: Record<string, Schema> = document.components?.schemas ?? {};
const operations: Operation[] = Object.entries(
  document.paths as Record<string, Record<string, Record<string, unknown>>>,
).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({
    method: method.toUpperCase(),
    path,
    parameters: (operation.parameters as Operation['parameters']) ?? [],
    bodySchema: (operation.requestBody as { content?: Record<string, { schema: Schema }> } | undefined)?.content?.[
      'application/json'
    ]?.schema,
    security: (operation.security as Operation['security']) ?? [],
  })),
);

/** Every byte percent-encoded (a lone surrogate becomes U+FFFD), so any generated string makes a valid URL. */
function percentEncode(value: string): string {
  return [...Buffer.from(value, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
}

function shorten(text: string): string {
  return text
    .replace(/(.)\1{40,}/g, (run, character: string) => `${character.repeat(8)}…(${run.length}×)`)
    .slice(0, 1_500);
}

describe(`fuzzing every operation of openapi.json (seed ${SEED}, ${RUNS} runs each)`, () => {
  let t: TestApp;
  let owner: SignedUpUser;
  let key: string;
  const knownIds: Record<string, string[]> = {};
  const failures: string[] = [];
  let sent = 0;

  beforeAll(async () => {
    t = await startTestApp({ ADMIN_TOKEN });
    owner = await signUp(t);
    await setPlan(t, owner.workspaceId, 'agency');
    key = (
      await createKey(owner, {
        name: 'fuzzer',
        scopes: ALL_SCOPE_GRANTS.filter((scope) => !scope.endsWith(':read')),
        rateLimit: 100_000,
      })
    ).key;
    // Real ids for path parameters, so handlers run past their lookups; a sacrificial key may be rotated or deleted.
    const create = async (url: string, body: object) =>
      (await t.http().post(url).set(bearer(key)).send(body)).body.id as string | undefined;
    knownIds.key = [(await createKey(owner, { name: 'sacrificial', scopes: ['links'] })).id];
    knownIds.link = [(await create('/api/v1/links', { url: 'https://example.com/fuzz' }))!];
    knownIds.ws = [owner.workspaceId];
    for (const [prefix, url, body] of [
      ['fld', '/api/v1/link_folders', { name: 'fuzz folder' }],
      ['tag', '/api/v1/link_tags', { name: 'fuzz tag' }],
      ['utm', '/api/v1/utm_templates', { name: 'fuzz template' }],
      ['dom', '/api/v1/domains', { domain: 'fuzz.example-fuzz.com' }],
    ] as const) {
      const id = await create(url, body);
      if (id) knownIds[prefix] = [id];
    }
  });

  afterAll(async () => {
    process.stdout.write(
      `fuzz: ${sent} requests over ${operations.length - SKIPPED.size} operations, ${failures.length} failure(s), seed ${SEED}\n`,
    );
    await t?.close();
  });

  function idsFor(path: string): string[] {
    const prefixes: [RegExp, string][] = [
      [/api-keys/, 'key'],
      [/\/links\//, 'link'],
      [/link_folders/, 'fld'],
      [/link_tags/, 'tag'],
      [/utm_templates/, 'utm'],
      [/domains/, 'dom'],
      [/workspaces/, 'ws'],
    ];
    return prefixes.find(([pattern]) => pattern.test(path))?.[1]
      ? (knownIds[prefixes.find(([pattern]) => pattern.test(path))![1]] ?? [])
      : [];
  }

  function requestArbitrary(operation: Operation): fc.Arbitrary<FuzzRequest> {
    const pathParameters = operation.parameters.filter((parameter) => parameter.in === 'path');
    const queryParameters = operation.parameters.filter((parameter) => parameter.in === 'query');
    const known = idsFor(operation.path);
    const pathValue = fc.oneof(
      { arbitrary: known.length > 0 ? fc.constantFrom(...known) : fc.constant('missing_0000000000'), weight: 3 },
      {
        arbitrary: fc.constantFrom(
          ...HOSTILE_STRINGS.filter((value) => value.length > 0),
          'ext_x',
          'link_doesnotexist000',
          '%2e%2e',
        ),
        weight: 1,
      },
      { arbitrary: fc.string({ minLength: 1, maxLength: 300 }), weight: 1 },
    );
    const stringified = (value: unknown) => (typeof value === 'string' ? value : (JSON.stringify(value) ?? ''));
    const bodyArbitrary: fc.Arbitrary<FuzzRequest['body']> = operation.bodySchema
      ? fc.oneof(
          {
            arbitrary: arbitraryFor(operation.bodySchema, components).map((value) => ({
              kind: 'json' as const,
              value,
            })),
            weight: 8,
          },
          {
            arbitrary: fc
              .constantFrom('{"url": ', '{', '[1,2', 'null', '"text"', '{"a":1}}')
              .map((text) => ({ kind: 'raw' as const, contentType: 'application/json', text })),
            weight: 1,
          },
          {
            arbitrary: fc
              .constantFrom('text/plain', 'application/xml', 'multipart/form-data; boundary=x')
              .map((contentType) => ({ kind: 'raw' as const, contentType, text: 'a=b' })),
            weight: 1,
          },
          {
            arbitrary: fc.constant({
              kind: 'raw' as const,
              contentType: 'application/json',
              text: JSON.stringify({ blob: 'x'.repeat(1_200_000) }),
            }),
            weight: 1,
          },
        )
      : fc.constant({ kind: 'none' as const });
    const request = fc.record({
      pathValues: fc.record(Object.fromEntries(pathParameters.map((parameter) => [parameter.name, pathValue]))),
      query: fc.record(
        Object.fromEntries(
          queryParameters.map((parameter) => [
            parameter.name,
            arbitraryFor(parameter.schema, components, parameter.name).map(stringified),
          ]),
        ),
        {
          requiredKeys: [],
        },
      ),
      body: bodyArbitrary,
    }) as fc.Arbitrary<FuzzRequest>;
    // Counterexamples are printed shortened: a 70 000-character string says nothing more than its first 300.
    return request.map((value) => Object.assign(value, { [fc.toStringMethod]: () => shorten(JSON.stringify(value)) }));
  }

  async function send(operation: Operation, request: FuzzRequest): Promise<Response> {
    const url = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
      percentEncode(request.pathValues[name] ?? 'x'),
    );
    const sessionOnly = operation.security.length > 0 && operation.security.every((entry) => 'session' in entry);
    const admin = operation.security.some((entry) => 'adminToken' in entry);
    const agent = sessionOnly ? owner.agent : t.http();
    let builder = agent[operation.method.toLowerCase() as 'get'](url).query(request.query);
    if (sessionOnly) builder = builder.set('X-CSRF-Token', owner.csrf);
    else if (admin) builder = builder.set(bearer(ADMIN_TOKEN));
    else if (operation.security.length > 0) builder = builder.set(bearer(key));
    if (request.body.kind === 'json')
      builder = builder.set('Content-Type', 'application/json').send(JSON.stringify(request.body.value));
    else if (request.body.kind === 'raw')
      builder = builder.set('Content-Type', request.body.contentType).send(request.body.text);
    sent += 1;
    return builder;
  }

  function problemWith(response: Response): string | null {
    if (response.status >= 500) return `server error ${response.status}`;
    if (response.status < 400) return null;
    const body = response.body as Record<string, unknown>;
    if (
      body.statusCode !== response.status ||
      typeof body.error !== 'string' ||
      typeof body.message !== 'string' ||
      typeof body.code !== 'string' ||
      typeof body.requestId !== 'string'
    ) {
      return `error body not in the error format of docs/API.md: ${JSON.stringify(body).slice(0, 300)}`;
    }
    if (/\n\s+at |QueryFailedError|SELECT |INSERT INTO|node_modules/.test(JSON.stringify(body)))
      return 'internal details leaked';
    return null;
  }

  const active = operations.filter((operation) => !SKIPPED.has(`${operation.method} ${operation.path}`));

  it.each(active.map((operation) => [`${operation.method} ${operation.path}`, operation] as const))(
    '%s',
    async (_name, operation) => {
      await fc.assert(
        fc.asyncProperty(requestArbitrary(operation), async (request) => {
          const response = await send(operation, request);
          const problem = problemWith(response);
          if (problem) {
            failures.push(`${operation.method} ${operation.path}: ${problem}`);
            throw new Error(`${problem}\nrequest: ${shorten(JSON.stringify(request))}`);
          }
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    },
  );

  it('stored nothing the contract forbids', async () => {
    const links: {
      url: string;
      expired_url: string | null;
      ios: string | null;
      android: string | null;
      slug: string;
    }[] = await t.dataSource.query('SELECT url, expired_url, ios, android, slug FROM links');
    for (const link of links) {
      for (const destination of [link.url, link.expired_url, link.ios, link.android].filter(
        (value): value is string => value !== null,
      )) {
        const parsed = new URL(destination);
        expect(['http:', 'https:']).toContain(parsed.protocol);
        expect(parsed.username + parsed.password).toBe('');
      }
      expect(link.slug).toMatch(/^[A-Za-z0-9_-]{1,190}$/);
    }
    const keys: { scopes: string[]; type: string }[] = await t.dataSource.query('SELECT scopes, type FROM api_keys');
    for (const stored of keys) {
      expect(stored.scopes.length).toBeGreaterThan(0);
      for (const scope of stored.scopes) expect(ALL_SCOPE_GRANTS).toContain(scope);
      expect(['secret', 'publishable']).toContain(stored.type);
    }
    const people: { email: string }[] = await t.dataSource.query('SELECT email FROM users WHERE NOT is_machine');
    for (const person of people) expect(person.email).toMatch(/^[^\sA-Z]+@[^\sA-Z]+$/);
    const domains: { hostname: string }[] = await t.dataSource.query('SELECT hostname FROM domains');
    for (const domain of domains) expect(domain.hostname).toMatch(/^[a-z0-9.-]+$/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
