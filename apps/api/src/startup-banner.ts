import type { AppConfig } from '@app/common';

/** What `npm start` prints once the server listens; the first-account steps only while nobody has signed up. */
export function startupBanner(config: AppConfig, hasAccount: boolean): string {
  const base = config.PUBLIC_URL;
  const database = config.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.DATA_DIR}`;
  const lines = [
    '',
    `LinkTrace is running at ${base}  (database: ${database})`,
    `Dashboard:  ${base}/app`,
    `API docs:   ${base}/docs   (OpenAPI document: ${base}/docs/openapi.json)`,
  ];
  if (!hasAccount) {
    lines.push(
      `No account yet: sign up at ${base}/app, or from a shell (first account, then an API key):`,
      `  curl -c cookies.txt -H 'Content-Type: application/json' -d '{"email":"you@example.com","password":"a-long-password"}' ${base}/api/auth/signup`,
      `  curl -b cookies.txt -H "X-CSRF-Token: $(grep lt_csrf cookies.txt | cut -f7)" -H 'Content-Type: application/json' \\`,
      `       -d '{"name":"ci","scopes":["links"]}' ${base}/api/settings/api-keys`,
    );
  }
  return [...lines, ''].join('\n');
}
