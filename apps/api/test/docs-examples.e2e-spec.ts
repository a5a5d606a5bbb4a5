import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, request as forward, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocExample, scanDocs } from '../../../test/helpers/doc-examples';
import { bearer, createKey, setPlan, signUp } from '../../../test/helpers/fixtures';
import { insertLink } from '../../../test/helpers/links';
import { undocumentedAnswers } from '../../../test/helpers/openapi-conformance';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';

/**
 * The documentation's request examples run against the booted app, so the docs cannot drift from the code.
 * The convention (docs/API.md, "Examples in these documents"): examples address `$LINKTRACE_URL` with a secret key in
 * `$LINKTRACE_KEY` (JavaScript: `process.env.…`); `http://localhost:3000` is where `npm start` serves and is
 * rewritten to the booted app. Each block runs on its own, in a fresh agency-plan workspace whose key has
 * every scope (its links are deleted afterwards: slugs may repeat from one block to the next), with `$WORKSPACE_ID`, `$LINK_ID` (a link with conversion tracking), `$CLICK_ID` (a click on
 * it) and `$ADMIN_TOKEN` set. curl blocks run with bash and the real curl, fetch/axios blocks with node.
 * Every response passes through a recording proxy: each request must answer its annotated status (`# → 404`)
 * or a 2xx, and an error answers the error body of docs/API.md.
 */
const ROOT = join(__dirname, '../../..');
const DOCS = scanDocs(ROOT);
const RUNNABLE = DOCS.examples.filter((example) => example.runner && !example.notRun);
const SHORT_DOMAIN_PLACEHOLDER = 'http://localhost:3000';
const ALL_SCOPES = ['links', 'analytics', 'conversions', 'domains', 'folders', 'tags', 'utm_templates', 'api_keys'];

interface Recorded {
  method: string;
  path: string;
  status: number;
  body: string;
}

describe('documentation examples', () => {
  let testApp: TestApp;
  let recorder: Recorder;
  const adminToken = randomBytes(16).toString('hex');

  beforeAll(async () => {
    recorder = new Recorder();
    await recorder.start();
    testApp = await startTestApp({ PUBLIC_URL: recorder.url, SHORT_DOMAIN: recorder.host, ADMIN_TOKEN: adminToken });
    await testApp.app.listen(0, '127.0.0.1');
    recorder.upstreamPort = (testApp.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(async () => {
    await recorder?.stop();
    await testApp?.close();
  });

  it('every request example in README.md and docs/*.md is run or explicitly marked not-run', () => {
    const unrunnable = DOCS.examples
      .filter((example) => !example.runner && !example.notRun)
      .map((example) => `${example.where} (${example.language})`);
    const skipped = DOCS.examples.filter((example) => example.notRun);
    console.info(
      `Docs examples in ${DOCS.files.join(', ')}: ${RUNNABLE.length} run, ${skipped.length} skipped (${skipped.map((example) => `${example.where}: ${example.notRun}`).join('; ') || 'none'})`,
    );
    // A curl block must be bash/sh, a fetch/axios block js/mjs; anything else is marked `<!-- not-run: why -->`.
    expect(unrunnable).toEqual([]);
    // `curl …` in running prose cannot be run: it belongs in a fenced block.
    expect(DOCS.inlineRequests).toEqual([]);
    // The scan itself works: the README's own examples are found.
    expect(RUNNABLE.filter((example) => example.runner === 'bash').length).toBeGreaterThanOrEqual(4);
    expect(RUNNABLE.filter((example) => example.runner === 'node').length).toBeGreaterThanOrEqual(2);
  });

  it.each(RUNNABLE.map((example) => [`${example.where} (${example.language})`, example] as const))(
    '%s',
    async (_name, example) => {
      const environment = await exampleEnvironment(testApp, recorder, adminToken);
      const since = recorder.log.length;
      const result = await runExample(example, environment, recorder.url).finally(() =>
        deleteLinks(testApp, environment.LINKTRACE_KEY),
      );
      const requests = recorder.log.slice(since);
      const transcript = [
        `exit ${result.code}`,
        result.output,
        ...requests.map(
          (request) => `${request.method} ${request.path} → ${request.status} ${request.body.slice(0, 300)}`,
        ),
      ].join('\n');

      expect({ exit: result.code, transcript }).toEqual({ exit: 0, transcript });
      expect({ requests: requests.length, transcript }).toEqual({
        requests: example.expectedStatuses.length,
        transcript,
      });
      requests.forEach((request, index) => {
        const expected = example.expectedStatuses[index];
        const answered = `${request.method} ${request.path} → ${request.status}`;
        if (expected === null) expect(answered).toMatch(/→ 2\d\d$/);
        else expect(answered).toBe(`${request.method} ${request.path} → ${expected}`);
        // API errors have the error body of docs/API.md (redirect pages for people are HTML by design).
        if (request.status >= 400 && request.path.startsWith('/api/') && request.method !== 'HEAD') {
          const body = JSON.parse(request.body);
          expect(body).toMatchObject({
            statusCode: request.status,
            error: expect.any(String),
            message: expect.any(String),
            code: expect.any(String),
            requestId: expect.any(String),
          });
          if (body.code === 'validation_failed')
            expect(body.errors).toEqual(
              expect.arrayContaining([{ field: expect.any(String), message: expect.any(String) }]),
            );
        }
      });
    },
  );

  it('openapi.json lists every status the examples were answered with', async () => {
    expect(await undocumentedAnswers(testApp)).toEqual([]);
  });
});

/** A fresh workspace for one example: agency plan, a key with every scope, a tracked link and a click on it. */
async function exampleEnvironment(
  testApp: TestApp,
  recorder: Recorder,
  adminToken: string,
): Promise<Record<string, string>> {
  const owner = await signUp(testApp);
  await setPlan(testApp, owner.workspaceId, 'agency');
  const { key } = await createKey(owner, { name: 'docs', scopes: ALL_SCOPES });
  const link = await insertLink(testApp, {
    workspaceId: owner.workspaceId,
    slug: `docs-${randomBytes(4).toString('hex')}`,
    url: 'https://example.com/pricing',
    domain: recorder.host,
    trackConversion: true,
  });
  const redirect = await testApp
    .http()
    .get(`/${link.slug}`)
    .set('Host', recorder.host)
    .set('User-Agent', 'Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0')
    .expect(302);
  const clickId = new URL(redirect.headers.location).searchParams.get('lt_id')!;
  return {
    LINKTRACE_URL: recorder.url,
    LINKTRACE_KEY: key,
    WORKSPACE_ID: owner.workspaceId,
    LINK_ID: link.id,
    CLICK_ID: clickId,
    ADMIN_TOKEN: adminToken,
  };
}

/**
 * Slugs are unique per short domain, across workspaces: the links an example made are deleted after it
 * (through the API, so every cache forgets them), and the next example may use the same slugs.
 */
async function deleteLinks(testApp: TestApp, key: string): Promise<void> {
  for (;;) {
    const page = await testApp.http().get('/api/v1/links?limit=100').set(bearer(key)).expect(200);
    if (page.body.data.length === 0) return;
    for (const link of page.body.data as { id: string }[])
      await testApp.http().delete(`/api/v1/links/${link.id}`).set(bearer(key)).expect(204);
  }
}

/** Runs one example in a temporary folder (cookies.txt and the like stay there), `node_modules` at hand. */
async function runExample(
  example: DocExample,
  environment: Record<string, string>,
  url: string,
): Promise<{ code: number; output: string }> {
  const folder = mkdtempSync(join(tmpdir(), 'lt-docs-'));
  try {
    symlinkSync(join(ROOT, 'node_modules'), join(folder, 'node_modules'), 'dir');
    const code = example.code.split(SHORT_DOMAIN_PLACEHOLDER).join(url);
    const file = join(folder, example.runner === 'bash' ? 'example.sh' : 'example.mjs');
    writeFileSync(file, example.runner === 'bash' ? `set -euo pipefail\n${code}\n` : code);
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: folder, LANG: 'C.UTF-8', ...environment };
    return await new Promise((resolve, reject) => {
      const child = spawn(example.runner === 'bash' ? 'bash' : process.execPath, [file], { cwd: folder, env });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
      child.on('error', reject);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code: code ?? -1, output });
      });
    });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** A pass-through HTTP proxy in front of the app that records each request's status and body. */
class Recorder {
  readonly log: Recorded[] = [];
  upstreamPort = 0;
  private server?: Server;

  get host(): string {
    return `127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  get url(): string {
    return `http://${this.host}`;
  }

  async start(): Promise<void> {
    this.server = createServer((incoming, outgoing) => {
      const proxied = forward(
        {
          host: '127.0.0.1',
          port: this.upstreamPort,
          method: incoming.method,
          path: incoming.url,
          headers: incoming.headers,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const body = Buffer.concat(chunks);
            this.log.push({
              method: incoming.method ?? 'GET',
              path: incoming.url ?? '',
              status: response.statusCode ?? 0,
              body: body.toString('utf8'),
            });
            outgoing.writeHead(response.statusCode ?? 502, response.headers);
            outgoing.end(body);
          });
        },
      );
      proxied.on('error', (error) => {
        outgoing.writeHead(502);
        outgoing.end(String(error));
      });
      incoming.pipe(proxied);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
