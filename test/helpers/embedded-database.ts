import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDataSource } from '@app/database';

const ROOT = join(__dirname, '../..');
const MIGRATIONS = join(ROOT, 'libs/database/src/migrations');
const CACHE = join(ROOT, 'node_modules/.cache/linktrace-tests');

let loaded: Promise<Blob> | undefined;

/**
 * An embedded (PGlite) database with every migration applied, for test apps to start from: creating one and
 * migrating it took most of each boot (~10 s on a busy two-core machine, against ~1 s to load this). Built once
 * and kept under node_modules/.cache, named by the migrations' and PGlite's contents, so a new migration or
 * PGlite version builds a new one. Migrations themselves are still run by every DATABASE_URL test database and
 * checked by `npm run migration:check`.
 */
export function migratedEmbeddedDatabase(): Promise<Blob> {
  loaded ??= load();
  return loaded;
}

async function load(): Promise<Blob> {
  const file = join(CACHE, `pglite-migrated-${contentKey()}.tar`);
  if (!existsSync(file)) {
    const opened = await openDataSource({ dataDir: 'memory://' }, { entities: [] });
    try {
      const dump = Buffer.from(await (await opened.dump!()).arrayBuffer());
      mkdirSync(CACHE, { recursive: true });
      // Test files build it in parallel: each writes its own file, and the last rename wins with equal content.
      const partial = `${file}.${process.pid}.partial`;
      writeFileSync(partial, dump);
      renameSync(partial, file);
    } finally {
      await opened.close();
    }
  }
  return new Blob([readFileSync(file)]);
}

function contentKey(): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(MIGRATIONS).sort()) hash.update(name).update(readFileSync(join(MIGRATIONS, name)));
  hash.update(readFileSync(join(ROOT, 'node_modules/@electric-sql/pglite/package.json')));
  return hash.digest('hex').slice(0, 16);
}
