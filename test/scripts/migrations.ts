/**
 * Migration tooling on the real entity set of the application:
 *   generate <Name>  writes libs/database/src/migrations/<timestamp>-<Name>.ts from the schema diff
 *   check            fails (exit 1) when the entities and the migrations disagree
 * The diff is TypeORM's own schema builder, run after every committed migration on a fresh database.
 */
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { startTestApp } from '../helpers/test-app';

const MIGRATIONS_DIR = join(__dirname, '../../libs/database/src/migrations');

async function pendingSql(): Promise<{ up: string[]; down: string[] }> {
  const testApp = await startTestApp();
  try {
    const dataSource = testApp.app.get(DataSource);
    const log = await dataSource.driver.createSchemaBuilder().log();
    return { up: log.upQueries.map((q) => q.query), down: log.downQueries.map((q) => q.query).reverse() };
  } finally {
    await testApp.close();
  }
}

function toLiteral(sql: string): string {
  return '`' + sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${') + '`';
}

async function generate(name: string): Promise<void> {
  if (!/^[A-Z][A-Za-z0-9]+$/.test(name))
    throw new Error('Give the migration a PascalCase name, e.g. npm run migration:generate -- AddLinks');
  const { up, down } = await pendingSql();
  if (up.length === 0) {
    console.log('No changes: the migrations already match the entities.');
    return;
  }
  const timestamp = Date.now();
  const className = `${name}${timestamp}`;
  const file = `${timestamp}-${name}`;
  const body = `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${up.map((sql) => `    await queryRunner.query(${toLiteral(sql)});`).join('\n')}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${down.map((sql) => `    await queryRunner.query(${toLiteral(sql)});`).join('\n')}
  }
}
`;
  writeFileSync(join(MIGRATIONS_DIR, `${file}.ts`), body);
  const indexPath = join(MIGRATIONS_DIR, 'index.ts');
  const index = readFileSync(indexPath, 'utf8');
  const imports = [...index.matchAll(/^import \{ (\w+) \} from '\.\/([^']+)';$/gm)].map((m) => ({
    className: m[1],
    file: m[2],
  }));
  imports.push({ className, file });
  writeFileSync(
    indexPath,
    `${imports.map((i) => `import { ${i.className} } from './${i.file}';`).join('\n')}

// Every migration, in order. \`npm run migration:generate -- <Name>\` writes a file and adds it here.
export const MIGRATIONS = [${imports.map((i) => i.className).join(', ')}];
`,
  );
  console.log(`Wrote ${file}.ts (${up.length} statements)`);
}

async function check(): Promise<void> {
  const { up } = await pendingSql();
  if (up.length > 0) {
    console.error(`Migration drift: the entities need ${up.length} statement(s) no migration has:\n${up.join(';\n')};`);
    console.error('Run: npm run migration:generate -- <Name>');
    process.exit(1);
  }
  console.log('Migrations match the entities.');
}

const [command, name] = process.argv.slice(2);
(command === 'generate'
  ? generate(name)
  : command === 'check'
    ? check()
    : Promise.reject(new Error('usage: migrations generate <Name> | check'))
)
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
