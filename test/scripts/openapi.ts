/**
 * OpenAPI tooling.
 *   write  regenerates apps/api/src/metadata.ts (the @nestjs/swagger plugin's view of every DTO, read by
 *          the app at boot, so tsc, swc and jest builds all document the same fields) and openapi.json
 *   check  fails (exit 1) when either committed file differs from what the code generates
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PluginMetadataGenerator } from '@nestjs/cli/lib/compiler/plugins/plugin-metadata-generator';
import { ReadonlyVisitor } from '@nestjs/swagger/plugin';

const ROOT = join(__dirname, '../..');
const SOURCE = join(ROOT, 'apps/api/src');
const METADATA = join(SOURCE, 'metadata.ts');
const DOCUMENT = join(ROOT, 'openapi.json');

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
  const testApp = await startTestApp({ DATA_DIR: 'memory://', DATABASE_URL: '' });
  try {
    return stableStringify(await buildOpenApiDocument(testApp.app));
  } finally {
    await testApp.close();
  }
}

async function main(command: string | undefined): Promise<void> {
  if (command === 'write') {
    generateMetadata(SOURCE);
    writeFileSync(DOCUMENT, await generateDocument());
    console.log('Wrote apps/api/src/metadata.ts and openapi.json');
    return;
  }
  if (command === 'check') {
    const metadata = generateMetadata(mkdtempSync(join(tmpdir(), 'lt-openapi-')));
    const drifted: string[] = [];
    if (metadata !== readFileSync(METADATA, 'utf8')) drifted.push('apps/api/src/metadata.ts');
    if ((await generateDocument()) !== readFileSync(DOCUMENT, 'utf8')) drifted.push('openapi.json');
    if (drifted.length > 0) {
      console.error(`OpenAPI drift: ${drifted.join(' and ')} differ from what the code generates. Run: npm run openapi`);
      process.exit(1);
    }
    console.log('openapi.json matches the code.');
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
