import { newId } from '@app/common';
import type { TestApp } from './test-app';

/** Short domain the redirect tests serve (SHORT_DOMAIN) and send as Host. */
export const TEST_SHORT_DOMAIN = 'go.test';

export interface InsertLinkFields {
  workspaceId: string;
  slug: string;
  url: string;
  domain?: string;
  utm_source?: string;
  utm_medium?: string;
  utm_campaign?: string;
  utm_term?: string;
  utm_content?: string;
  expiresAt?: Date;
  expiredUrl?: string;
  passwordHash?: string;
  ios?: string;
  android?: string;
  geo?: Record<string, string>;
  trackConversion?: boolean;
  archived?: boolean;
}

export interface InsertedLink {
  id: string;
  domain: string;
  slug: string;
}

/** Inserts a link row directly (the links API is tested on its own); returns its id. */
export async function insertLink(testApp: TestApp, fields: InsertLinkFields): Promise<InsertedLink> {
  const id = newId('link');
  const domain = fields.domain ?? TEST_SHORT_DOMAIN;
  await testApp.dataSource.query(
    `INSERT INTO links (id, workspace_id, domain, slug, url, utm_source, utm_medium, utm_campaign, utm_term, utm_content,
                        expires_at, expired_url, password_hash, ios, android, geo, track_conversion, archived)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
    [
      id,
      fields.workspaceId,
      domain,
      fields.slug,
      fields.url,
      fields.utm_source ?? null,
      fields.utm_medium ?? null,
      fields.utm_campaign ?? null,
      fields.utm_term ?? null,
      fields.utm_content ?? null,
      fields.expiresAt ?? null,
      fields.expiredUrl ?? null,
      fields.passwordHash ?? null,
      fields.ios ?? null,
      fields.android ?? null,
      fields.geo ? JSON.stringify(fields.geo) : null,
      fields.trackConversion ?? false,
      fields.archived ?? false,
    ],
  );
  return { id, domain, slug: fields.slug };
}

/** A workspace row without a user: enough to own links in redirect and click tests. */
export async function insertWorkspace(testApp: TestApp, plan = 'agency'): Promise<string> {
  const id = newId('workspace');
  await testApp.dataSource.query(`INSERT INTO workspaces (id, name, plan) VALUES ($1, $2, $3)`, [
    id,
    'Redirect tests',
    plan,
  ]);
  return id;
}
