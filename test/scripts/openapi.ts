/**
 * OpenAPI tooling.
 *   write  regenerates apps/api/src/metadata.ts (the @nestjs/swagger plugin's view of every DTO, read by
 *          the app at boot, so tsc, swc and jest builds all document the same fields), openapi.json and the
 *          SDK's types (libs/sdk/src/schema.d.ts, by openapi-typescript)
 *   check  fails (exit 1) when any committed file differs from what the code generates
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PluginMetadataGenerator } from '@nestjs/cli/lib/compiler/plugins/plugin-metadata-generator';
import { ReadonlyVisitor } from '@nestjs/swagger/plugin';
import openapiTS, { astToString } from 'openapi-typescript';

const ROOT = join(__dirname, '../..');
const SOURCE = join(ROOT, 'apps/api/src');
const METADATA = join(SOURCE, 'metadata.ts');
const DOCUMENT = join(ROOT, 'openapi.json');
const SDK_TYPES = join(ROOT, 'libs/sdk/src/schema.d.ts');
const SDK_TYPES_HEADER = '// Generated from openapi.json by `npm run openapi` (openapi-typescript). Do not edit.\n\n';

function generateMetadata(outputDir: string): string {
  new PluginMetadataGenerator().generate({
    visitors: [new ReadonlyVisitor({ introspectComments: true, pathToSource: SOURCE, classValidatorShim: true })],
    outputDir,
    filename: 'metadata.ts',
    tsconfigPath: 'tsconfig.build.json', // relative to the working directory: npm runs scripts at the root
    printDiagnostics: false,
  });
  return readFileSync(join(outputDir, 'metadata.ts'), 'utf8');
}

async function generateDocument(): Promise<string> {
  // Loaded only now, so the app reads the metadata written above.
  const { startTestApp } = await import('../helpers/test-app');
  const { buildOpenApiDocument, stableStringify } = await import('../../apps/api/src/openapi');
  // The committed document names the default server; a running server's /docs names its own PUBLIC_URL.
  const testApp = await startTestApp({ DATA_DIR: 'memory://', DATABASE_URL: '', PUBLIC_URL: 'http://localhost:3000' });
  try {
    return stableStringify(await buildOpenApiDocument(testApp.app));
  } finally {
    await testApp.close();
  }
}

async function generateSdkTypes(document: string): Promise<string> {
  return SDK_TYPES_HEADER + astToString(await openapiTS(JSON.parse(document)));
}

async function main(command: string | undefined): Promise<void> {
  if (command === 'write') {
    generateMetadata(SOURCE);
    const document = await generateDocument();
    writeFileSync(DOCUMENT, document);
    writeFileSync(SDK_TYPES, await generateSdkTypes(document));
    console.log('Wrote apps/api/src/metadata.ts, openapi.json and libs/sdk/src/schema.d.ts');
    return;
  }
  if (command === 'check') {
    const metadata = generateMetadata(mkdtempSync(join(tmpdir(), 'lt-openapi-')));
    const drifted: string[] = [];
    if (metadata !== readFileSync(METADATA, 'utf8')) drifted.push('apps/api/src/metadata.ts');
    const document = await generateDocument();
    if (document !== readFileSync(DOCUMENT, 'utf8')) drifted.push('openapi.json');
    if (!existsSync(SDK_TYPES) || (await generateSdkTypes(document)) !== readFileSync(SDK_TYPES, 'utf8'))
      drifted.push('libs/sdk/src/schema.d.ts');
    if (drifted.length > 0) {
      console.error(`OpenAPI drift: ${drifted.join(', ')} differ from what the code generates. Run: npm run openapi`);
      process.exit(1);
    }
    console.log('openapi.json and the SDK types match the code.');
    return;
  }
  throw new Error('usage: openapi write | check');
}

main(process.argv[2])
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
