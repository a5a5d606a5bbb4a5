import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createKey, signUp } from '../../../test/helpers/fixtures';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';

const run = promisify(execFile);
const ROOT = join(__dirname, '../../..');
const SDK = join(ROOT, 'libs/sdk');

/** npm's own settings from the `npm test` running us (npm_config_*) would leak into the npm commands below. */
function cleanEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));
}

async function npm(cwd: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('npm', args, { cwd, env: cleanEnvironment(), maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

/** The packages a package needs at run time, transitively, as installed at the repository's root. */
function runtimeDependencies(folder: string, found = new Set<string>()): string[] {
  const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  for (const name of Object.keys(manifest.dependencies ?? {})) {
    if (found.has(name)) continue;
    found.add(name);
    runtimeDependencies(join(ROOT, 'node_modules', name), found);
  }
  return [...found];
}

/**
 * @linktrace/sdk as a user gets it: `npm pack` of libs/sdk (its prepack builds it), the tarball installed into a
 * separate project (with its dependencies packed from node_modules: no registry), then used through `import` and `require`, and
 * type-checked as ES module and CommonJS consumers, against the running server.
 */
describe('@linktrace/sdk package (npm pack, installed elsewhere)', () => {
  let testApp: TestApp;
  let baseUrl: string;
  let apiKey: string;
  let consumer: string;
  let packed: string[];

  beforeAll(async () => {
    const packFolder = mkdtempSync(join(tmpdir(), 'linktrace-sdk-pack-'));
    consumer = mkdtempSync(join(tmpdir(), 'linktrace-sdk-consumer-'));
    const [report] = JSON.parse(await npm(SDK, 'pack', '--json', '--pack-destination', packFolder)) as {
      filename: string;
      files: { path: string }[];
    }[];
    packed = report.files.map((file) => file.path).sort();
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'sdk-consumer', private: true }));
    // Its dependencies come packed from this repository's node_modules, so the install needs no registry.
    const dependencyFolders = runtimeDependencies(SDK).map((name) => join(ROOT, 'node_modules', name));
    const dependencyTarballs = (
      JSON.parse(await npm(packFolder, 'pack', '--json', ...dependencyFolders)) as { filename: string }[]
    ).map((each) => join(packFolder, each.filename));
    await npm(
      consumer,
      'install',
      '--offline',
      '--no-audit',
      '--no-fund',
      join(packFolder, report.filename),
      ...dependencyTarballs,
    );
    rmSync(packFolder, { recursive: true, force: true });

    testApp = await startTestApp();
    await testApp.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(testApp.app.getHttpServer().address() as AddressInfo).port}`;
    apiKey = (await createKey(await signUp(testApp), { scopes: ['links'] })).key;
  });
  afterAll(async () => {
    await testApp?.close();
    if (consumer) rmSync(consumer, { recursive: true, force: true });
  });

  it('packs ES module and CommonJS builds with their types, and nothing else', () => {
    expect(packed).toEqual(
      expect.arrayContaining([
        'README.md',
        'package.json',
        'dist/esm/index.js',
        'dist/esm/index.d.ts',
        'dist/esm/schema.d.ts',
        'dist/esm/package.json',
        'dist/cjs/index.js',
        'dist/cjs/index.d.ts',
        'dist/cjs/schema.d.ts',
        'dist/cjs/package.json',
      ]),
    );
    expect(packed.filter((path) => !/^(README\.md|package\.json|dist\/(esm|cjs)\/[\w.-]+)$/.test(path))).toEqual([]);
    expect(readdirSync(join(consumer, 'node_modules/@linktrace/sdk/dist')).sort()).toEqual(['cjs', 'esm']);
  });

  // The same program through both entry points: create a link, read it back, a typed error.
  const program = (load: string, slug: string) => `${load}
const linktrace = new LinkTrace({ apiKey: process.env.LINKTRACE_API_KEY, baseUrl: process.env.LINKTRACE_BASE_URL });
const created = await linktrace.links.create({ url: 'https://example.com/${slug}', slug: '${slug}' });
const read = await linktrace.links.get(created.id);
const missing = await linktrace.links.get('link_doesnotexist0000').catch((error) => error);
console.log(JSON.stringify({
  url: read.url,
  notFound: missing instanceof NotFoundError && missing instanceof LinkTraceError ? missing.code : String(missing),
  shortLink: read.shortLink,
}));
`;

  it.each([
    [
      'import (ES module)',
      'esm.mjs',
      "import { LinkTrace, LinkTraceError, NotFoundError } from '@linktrace/sdk';",
      'from-esm',
    ],
    [
      'require (CommonJS)',
      'cjs.cjs',
      "const { LinkTrace, LinkTraceError, NotFoundError } = require('@linktrace/sdk');\n(async () => {",
      'from-cjs',
    ],
  ])('%s: the installed package works against the running server', async (_name, file, load, slug) => {
    const source = program(load, slug) + (file.endsWith('.cjs') ? '})();\n' : '');
    writeFileSync(join(consumer, file), source);
    const { stdout } = await run(process.execPath, [file], {
      cwd: consumer,
      env: { ...cleanEnvironment(), LINKTRACE_API_KEY: apiKey, LINKTRACE_BASE_URL: baseUrl },
    });
    const answer = JSON.parse(stdout) as { url: string; notFound: string; shortLink: string };
    expect(answer).toEqual({
      url: `https://example.com/${slug}`,
      notFound: 'not_found',
      shortLink: expect.any(String),
    });
    // The link it made redirects.
    const shortLink = new URL(answer.shortLink);
    const redirect = await testApp.http().get(shortLink.pathname).set('Host', shortLink.host).expect(302);
    expect(redirect.headers.location).toBe(`https://example.com/${slug}`);
  });

  it('its types check for ES module and CommonJS consumers (node16 resolution)', async () => {
    const typed = (load: string) => `${load}
const linktrace = new LinkTrace({ apiKey: 'lt_live_x', baseUrl: 'http://localhost:3000' });
export async function shortLinkOf(input: CreateLinkInput): Promise<string> {
  const link: Link = await linktrace.links.create(input);
  return link.shortLink;
}
export function isNotFound(error: unknown): boolean {
  return error instanceof NotFoundError && error.code === 'not_found';
}
`;
    writeFileSync(
      join(consumer, 'typed-esm.mts'),
      typed("import { LinkTrace, NotFoundError, type CreateLinkInput, type Link } from '@linktrace/sdk';"),
    );
    writeFileSync(
      join(consumer, 'typed-cjs.cts'),
      typed("import { LinkTrace, NotFoundError, type CreateLinkInput, type Link } from '@linktrace/sdk';"),
    );
    // A deliberate mistake must be caught, or the check proves nothing.
    writeFileSync(
      join(consumer, 'typed-wrong.mts'),
      "import { LinkTrace } from '@linktrace/sdk';\nnew LinkTrace({ apiKey: 42 });\n",
    );
    const compilerOptions = {
      strict: true,
      module: 'node16',
      moduleResolution: 'node16',
      target: 'ES2022',
      lib: ['ES2023', 'DOM'],
      types: [],
      noEmit: true,
    };
    const tsc = (files: string[]) => {
      writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify({ compilerOptions, files }));
      return run(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: consumer });
    };
    await expect(tsc(['typed-esm.mts', 'typed-cjs.cts'])).resolves.toBeDefined();
    await expect(tsc(['typed-wrong.mts'])).rejects.toMatchObject({ stdout: expect.stringContaining('TS2322') });
  });
});
