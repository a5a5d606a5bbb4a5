import { ConfigError, loadConfig } from '@app/common';
import { createApp } from './bootstrap';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const app = await createApp(config);
  app.enableShutdownHooks();
  await app.listen(config.PORT, config.HOST);
  const base = config.PUBLIC_URL;
  const database = config.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.DATA_DIR}`;
  process.stdout.write(
    [
      '',
      `LinkTrace is running at ${base}  (database: ${database})`,
      `Dashboard:  ${base}/app`,
      `API docs:   ${base}/docs   (OpenAPI document: ${base}/docs/openapi.json)`,
      'First account and key:',
      `  curl -c cookies.txt -H 'Content-Type: application/json' -d '{"email":"you@example.com","password":"a-long-password"}' ${base}/api/auth/signup`,
      `  curl -b cookies.txt -H "X-CSRF-Token: $(grep lt_csrf cookies.txt | cut -f7)" -H 'Content-Type: application/json' \\`,
      `       -d '{"name":"ci","scopes":["links"]}' ${base}/api/settings/api-keys`,
      '',
    ].join('\n'),
  );
}

void main();
