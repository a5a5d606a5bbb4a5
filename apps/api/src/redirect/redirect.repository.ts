import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DomainApps, LinkSocialPreview, TestVariant } from '@app/database';
import { DataSource } from 'typeorm';
import type { VariantResults } from './ab-test';

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
  test_variants: TestVariant[] | null;
  test_ends_at: Date | null;
  winner_url: string | null;
  test_pick_winner: boolean;
  og: LinkSocialPreview | null;
}

// A plain select on the (domain, slug) unique index: an entity load per cache miss costs twice as much.
const FIND_ACTIVE_LINK = `
  SELECT id, workspace_id, url, utm_source, utm_medium, utm_campaign, utm_term, utm_content,
         expires_at, expired_url, password_hash, ios, android, geo, track_conversion,
         test_variants, test_ends_at, winner_url, test_pick_winner,
         og
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

  /**
   * (`endsAt` as the redirect knows it, in milliseconds: the column may hold microseconds.)
   * The stored winner of the link's test ending at `endsAt`, or its variants when the winner is still to be picked;
   * neither when the test has changed since (another end, no pick, no test).
   */
  async findTestWinner(
    linkId: string,
    endsAt: Date,
  ): Promise<{ winnerUrl: string | null; variants: TestVariant[] | null }> {
    const rows: { winner_url: string | null; test_variants: TestVariant[] | null }[] = await this.dataSource.query(
      `SELECT winner_url, test_variants FROM links
        WHERE id = $1 AND date_trunc('milliseconds', test_ends_at) = $2 AND test_pick_winner
          AND test_variants IS NOT NULL`,
      [linkId, endsAt],
    );
    return { winnerUrl: rows[0]?.winner_url ?? null, variants: rows[0]?.test_variants ?? null };
  }

  /** Per variant URL: human clicks before `endsAt`, and the leads and sales tracked before it from such clicks. */
  async variantResults(linkId: string, endsAt: Date): Promise<Map<string, VariantResults>> {
    const rows: { variant: string; clicks: number; conversions: number }[] = await this.dataSource.query(
      `SELECT variant, sum(clicks)::int AS clicks, sum(conversions)::int AS conversions FROM (
         SELECT variant, count(*) AS clicks, 0 AS conversions FROM click_events
          WHERE link_id = $1 AND variant IS NOT NULL AND NOT is_bot AND time < $2 GROUP BY variant
         UNION ALL
         SELECT variant, 0, count(*) FROM conversion_events
          WHERE link_id = $1 AND variant IS NOT NULL AND time < $2 GROUP BY variant
       ) AS results GROUP BY variant`,
      [linkId, endsAt],
    );
    return new Map(rows.map(({ variant, clicks, conversions }) => [variant, { clicks, conversions }]));
  }

  /** Stores the picked winner unless another instance was first (or the test changed): the winner stored, or null. */
  async storeTestWinner(linkId: string, endsAt: Date, winnerUrl: string): Promise<string | null> {
    await this.dataSource.query(
      `UPDATE links SET winner_url = $3, updated_at = now()
        WHERE id = $1 AND date_trunc('milliseconds', test_ends_at) = $2 AND test_pick_winner
          AND winner_url IS NULL`,
      [linkId, endsAt, winnerUrl],
    );
    return (await this.findTestWinner(linkId, endsAt)).winnerUrl;
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
