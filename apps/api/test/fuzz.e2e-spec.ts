import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Response } from 'supertest';
import { ALL_SCOPE_GRANTS } from '@app/auth';
import { ClickRecorder } from '../src/clicks/click-recorder.service';
import {
  arbitraryFor,
  deeplyNestedJson,
  describePath,
  HOSTILE_STRINGS,
  Schema,
  stringFields,
  TEXT_PROBES,
  URL_PROBES,
  withValueAt,
} from '../../../test/fuzz/openapi-arbitraries';
import { insertLink, TEST_SHORT_DOMAIN } from '../../../test/helpers/links';
import { metricValue } from '../../../test/helpers/prometheus';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';
import { bearer, createKey, setPlan, signUp, SignedUpUser } from '../../../test/helpers/fixtures';

/**
 * Property-based fuzzing of every operation in the committed openapi.json: valid, boundary and hostile
 * inputs (wrong types, huge strings and arrays, unicode, injection strings, prototype-pollution keys,
 * malformed JSON, wrong content types, oversized bodies). Then, deterministically, hostile text in every
 * string field of every operation's body, query and path (NUL, unpaired surrogates, very long text, odd
 * encodings; TEXT_PROBES, URL_PROBES), deep nesting in every body, and the same in the redirect's path,
 * query and headers, whose clicks must all be stored. Passing means: no 5xx, every 4xx in the docs/API.md
 * (Errors) format, and nothing stored that the contract forbids.
 *   CI: a fixed seed and FUZZ_RUNS per operation (default 15).  Longer: `npm run test:fuzz`.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 15);
/** `npm run test:fuzz` (FUZZ_RUNS ≥ 50) sends every URL probe to every query parameter on its own. */
const EXHAUSTIVE = RUNS >= 50;
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
    t = await startTestApp({ ADMIN_TOKEN, SHORT_DOMAIN: TEST_SHORT_DOMAIN });
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
    // Created together: the setup is a few requests' time, not a sum of them.
    const [sacrificial, linkId, ...others] = await Promise.all([
      createKey(owner, { name: 'sacrificial', scopes: ['links'] }),
      create('/api/v1/links', { url: 'https://example.com/fuzz' }),
      ...(
        [
          ['fld', '/api/v1/link_folders', { name: 'fuzz folder' }],
          ['tag', '/api/v1/link_tags', { name: 'fuzz tag' }],
          ['utm', '/api/v1/utm_templates', { name: 'fuzz template' }],
          ['dom', '/api/v1/domains', { domain: 'fuzz.example-fuzz.com' }],
        ] as const
      ).map(async ([prefix, url, body]) => [prefix, await create(url, body)] as const),
    ]);
    knownIds.key = [sacrificial.id];
    knownIds.link = [linkId!];
    knownIds.ws = [owner.workspaceId];
    for (const [prefix, id] of others) if (id) knownIds[prefix] = [id];
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

  /** A request to the operation with the credential it asks for (session, admin token or key). */
  function authorized(operation: Operation, url: string) {
    const sessionOnly = operation.security.length > 0 && operation.security.every((entry) => 'session' in entry);
    const admin = operation.security.some((entry) => 'adminToken' in entry);
    const agent = sessionOnly ? owner.agent : t.http();
    let builder = agent[operation.method.toLowerCase() as 'get'](url);
    if (sessionOnly) builder = builder.set('X-CSRF-Token', owner.csrf);
    else if (admin) builder = builder.set(bearer(ADMIN_TOKEN));
    else if (operation.security.length > 0) builder = builder.set(bearer(key));
    return builder;
  }

  async function send(operation: Operation, request: FuzzRequest): Promise<Response> {
    const url = operation.path.replace(/\{(\w+)\}/g, (_, name: string) =>
      percentEncode(request.pathValues[name] ?? 'x'),
    );
    let builder = authorized(operation, url).query(request.query);
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

  /** A valid body per operation, so a probe replacing one field gets as far as a real request would. */
  const BASELINES: Record<string, Record<string, unknown>> = {
    'POST /api/auth/login': { email: 'fuzz-login@example.com', password: 'correct horse battery' },
    'POST /api/auth/signup': {
      email: 'fuzz-signup@example.com',
      password: 'correct horse battery',
      name: 'Fuzz',
      workspaceName: 'Fuzz',
    },
    'POST /api/invitations/accept': { token: 'not-a-real-invitation-token' },
    'POST /api/settings/api-keys': { name: 'probe', scopes: ['links'] },
    'PUT /api/settings/api-keys/{id}': { name: 'probe' },
    'POST /api/v1/domains': { domain: 'probe.example-fuzz.com' },
    'PATCH /api/v1/domains/{id}': { rootUrl: 'https://example.com/' },
    'POST /api/v1/link_folders': { name: 'probe' },
    'PATCH /api/v1/link_folders/{id}': { name: 'probe' },
    'POST /api/v1/link_tags': { name: 'probe' },
    'PATCH /api/v1/link_tags/{id}': { name: 'probe' },
    'POST /api/v1/links': { url: 'https://example.com/probe' },
    'PATCH /api/v1/links/{id}': { title: 'probe' },
    'POST /api/v1/track/leads': { clickId: 'clk_0000000000000000', eventName: 'Sign up', customerExternalId: 'probe' },
    'POST /api/v1/track/sales': { customerExternalId: 'probe', amount: 100, currency: 'USD' },
    'POST /api/v1/utm_templates': { name: 'probe' },
    'PATCH /api/v1/utm_templates/{id}': { name: 'probe' },
    'POST /api/workspaces': { name: 'probe' },
    'PATCH /api/workspaces/{id}': { name: 'probe' },
    'POST /api/workspaces/{id}/invitations': { email: 'probe@example.com', role: 'member' },
    'PATCH /api/workspaces/{id}/members/{userId}': { role: 'member' },
  };
  const DEEP_LEVELS = 5_000;

  /** Every probe of an operation: each URL probe in each path and query parameter, each text probe in each body string, deep nesting in each body field. */
  function probesFor(operation: Operation): { what: string; url: string; body?: string }[] {
    const name = `${operation.method} ${operation.path}`;
    const known = idsFor(operation.path);
    const pathWith = (probed?: string, value?: string) =>
      operation.path.replace(/\{(\w+)\}/g, (_, parameter: string) =>
        parameter === probed ? value! : (known[0] ?? 'missing_0000000000'),
      );
    const baseline = BASELINES[name] ?? {};
    const baseBody = operation.bodySchema ? JSON.stringify(baseline) : undefined;
    const probes: { what: string; url: string; body?: string }[] = [];
    for (const parameter of operation.parameters.filter((parameter) => parameter.in === 'path'))
      for (const value of URL_PROBES)
        probes.push({
          what: `path ${parameter.name}=${value.slice(0, 20)}`,
          url: pathWith(parameter.name, value),
          body: baseBody,
        });
    const queryNames = operation.parameters.filter((parameter) => parameter.in === 'query').map(({ name }) => name);
    for (const value of URL_PROBES) {
      // Short probes go in every query parameter at once (one request each, in CI), long ones one parameter at a time.
      const together = !EXHAUSTIVE && value.length < 100;
      for (const names of together ? [queryNames] : queryNames.map((name) => [name]))
        if (names.length > 0)
          probes.push({
            what: `query ${names.join(',')}=${value.slice(0, 20)}`,
            url: `${pathWith()}?${names.map((name) => `${name}=${value}`).join('&')}`,
            body: baseBody,
          });
    }
    for (const name of queryNames)
      probes.push({ what: `query ${name} twice`, url: `${pathWith()}?${name}=a&${name}=%00`, body: baseBody });
    if (operation.bodySchema) {
      for (const path of stringFields(operation.bodySchema, components))
        for (const probe of TEXT_PROBES)
          probes.push({
            what: `body ${describePath(path)}: ${probe.name}`,
            url: pathWith(),
            body: JSON.stringify(withValueAt(baseline, path, probe.value)),
          });
      const topLevel = new Set(stringFields(operation.bodySchema, components).map((path) => path[0]));
      for (const field of [...topLevel].filter((field): field is string => typeof field === 'string'))
        probes.push({
          what: `body ${field}: nested ${DEEP_LEVELS} levels`,
          url: pathWith(),
          body: JSON.stringify(withValueAt(baseline, [field], '__deep__')).replace(
            '"__deep__"',
            deeplyNestedJson(DEEP_LEVELS),
          ),
        });
      probes.push({ what: `body nested ${DEEP_LEVELS} levels`, url: pathWith(), body: deeplyNestedJson(DEEP_LEVELS) });
    }
    return probes;
  }

  it.each(active.map((operation) => [`${operation.method} ${operation.path}`, operation] as const))(
    'hostile text and deep nesting in every string field: %s',
    async (_name, operation) => {
      const problems: string[] = [];
      for (const probe of probesFor(operation)) {
        let builder = authorized(operation, probe.url);
        if (probe.body !== undefined) builder = builder.set('Content-Type', 'application/json').send(probe.body);
        sent += 1;
        const problem = problemWith(await builder);
        if (problem) problems.push(`${probe.what}: ${problem}`);
      }
      failures.push(...problems.map((problem) => `${operation.method} ${operation.path}: ${problem}`));
      expect(problems).toEqual([]);
    },
  );

  it('the redirect: hostile path, query and headers are never a 5xx, and every click it answers is stored', async () => {
    const link = await insertLink(t, { workspaceId: owner.workspaceId, slug: 'fuzzed', url: 'https://example.com/f' });
    const visit = (method: 'get' | 'head' | 'post', path: string) => {
      const builder = t.http()[method](path).set('Host', TEST_SHORT_DOMAIN);
      return method === 'post' ? builder.type('form').send({ password: 'x' }) : builder;
    };
    const textProbes = TEXT_PROBES.map((probe) => percentEncode(probe.value.slice(0, 2_000)));
    const paths: string[] = [];
    for (const value of [...URL_PROBES, ...textProbes]) {
      paths.push(`/${value}`, `/fuzzed${value}`, `/fuzzed/${value}`);
      paths.push(
        `/fuzzed?utm_source=${value}`,
        `/fuzzed?${value}=1`,
        `/fuzzed?utm_campaign=${value}&ref=${value}&utm_term=${value}`,
      );
    }
    const random = fc.sample(
      fc.tuple(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 200 })),
      { numRuns: RUNS * 4, seed: SEED },
    );
    for (const [slug, query] of random) paths.push(`/${percentEncode(slug) || 'x'}`, `/fuzzed?${percentEncode(query)}`);

    const problems: string[] = [];
    let redirected = 0;
    for (const path of paths) {
      for (const method of ['get', 'head', 'post'] as const) {
        const response = await visit(method, path);
        sent += 1;
        if (response.status >= 500) problems.push(`${method.toUpperCase()} ${shorten(path)}: ${response.status}`);
        if (response.status === 302 && response.headers.location?.startsWith('https://example.com/f')) redirected++;
      }
    }
    for (const [header, value] of [
      ['User-Agent', 'x'.repeat(8_000)],
      ['User-Agent', '\u00ff\u00fe Mozilla/5.0 \u00e9'],
      ['Referer', 'https://example.com/%00?q=%ED%A0%80'],
      ['Referer', 'x'.repeat(8_000)],
    ] as const) {
      const response = await visit('get', '/fuzzed?utm_source=%00').set(header, value);
      sent += 1;
      if (response.status !== 302) problems.push(`${header} ${shorten(value)}: ${response.status}`);
      else redirected++;
    }
    expect(problems).toEqual([]);

    // Every click the redirect answered is stored: none poisoned its batch, none was dropped.
    await t.app.get(ClickRecorder).flush();
    const [{ count }] = await t.dataSource.query('SELECT count(*)::int AS count FROM click_events WHERE link_id = $1', [
      link.id,
    ]);
    expect(count).toBe(redirected);
    const metrics = (await t.http().get('/metrics').expect(200)).text;
    expect(metricValue(metrics, 'linktrace_clicks_dropped_total') || 0).toBe(0);
  });

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
