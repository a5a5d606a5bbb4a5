// Builds the package: CommonJS in dist/cjs and ES modules in dist/esm, each with its type declarations and a
// package.json naming its module format (the relative imports carry `.js`, so both run in Node.js as they are).
import { execFileSync } from 'node:child_process';
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import process from 'node:process';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
rmSync('dist', { recursive: true, force: true });
for (const [project, folder, type] of [
  ['tsconfig.build.json', 'dist/cjs', 'commonjs'],
  ['tsconfig.esm.json', 'dist/esm', 'module'],
]) {
  execFileSync(process.execPath, [tsc, '-p', project], { stdio: 'inherit' });
  // tsc does not copy declaration files: the generated API types.
  copyFileSync('src/schema.d.ts', `${folder}/schema.d.ts`);
  writeFileSync(`${folder}/package.json`, `${JSON.stringify({ type })}\n`);
}
