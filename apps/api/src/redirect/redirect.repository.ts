import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DomainApps } from '@app/database';
import { DataSource } from 'typeorm';

/** The columns the redirect needs, as PostgreSQL returns them. */
export interface RedirectLinkRow {
  id: string;
  workspace_id: string;
  url: string;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_term: string | null;
  utm_content: string | null;
  expires_at: Date | null;
  expired_url: string | null;
  password_hash: string | null;
  ios: string | null;
  android: string | null;
  geo: Record<string, string> | null;
  track_conversion: boolean;
}

// A plain select on the (domain, slug) unique index: an entity load per cache miss costs twice as much.
const FIND_ACTIVE_LINK = `
  SELECT id, workspace_id, url, utm_source, utm_medium, utm_campaign, utm_term, utm_content,
         expires_at, expired_url, password_hash, ios, android, geo, track_conversion
    FROM links
   WHERE domain = $1 AND slug = $2 AND NOT archived`;

/** A verified custom domain's settings as the redirect applies them. */
export interface ServedDomainRow {
  hostname: string;
  not_found_url: string | null;
  root_url: string | null;
  expired_url: string | null;
  no_index: boolean;
  apps: DomainApps | null;
}

@Injectable()
export class RedirectRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The link served at domain/slug; archived links are not served. */
  async findActiveLink(domain: string, slug: string): Promise<RedirectLinkRow | null> {
    const rows: RedirectLinkRow[] = await this.dataSource.query(FIND_ACTIVE_LINK, [domain, slug]);
    return rows[0] ?? null;
  }

  /** A custom domain this server answers for: verified (a failing re-check does not stop it); pending ones serve nothing. */
  async findServedDomain(hostname: string): Promise<ServedDomainRow | null> {
    const rows: ServedDomainRow[] = await this.dataSource.query(
      `SELECT hostname, not_found_url, root_url, expired_url, no_index, apps
         FROM domains WHERE hostname = $1 AND status <> 'pending'`,
      [hostname],
    );
    return rows[0] ?? null;
  }
}
