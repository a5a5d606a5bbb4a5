import { RedirectAbTest, toRedirectAbTest } from './ab-test';
import { isAppUrl } from '../links/link-rules';
import { asHeaderValue, mergeQuery, utmPairs } from './destination';
import { socialPreviewPage } from './redirect-pages';
import type { RedirectLinkRow } from './redirect.repository';

/** A link as the redirect serves it, with everything that can be computed once already computed. */
export interface RedirectLink {
  id: string;
  workspaceId: string;
  domain: string;
  slug: string;
  /** Destination with the link's UTM parameters merged in; the same for the targeted destinations. */
  destination: string;
  iosDestination: string | null;
  androidDestination: string | null;
  /** Whether the device's destination is an app URL (custom scheme), opened by a page rather than a 302. */
  iosApp: boolean;
  androidApp: boolean;
  /** Destinations by upper-case ISO country code; null when the link has no geo targeting. */
  geoDestinations: Map<string, string> | null;
  /** Epoch milliseconds. */
  expiresAt: number | null;
  expiredUrl: string | null;
  passwordHash: string | null;
  trackConversion: boolean;
  /** Null for a link without an A/B test: such links do no A/B work at all. */
  abTest: RedirectAbTest | null;
  /** The page served to link-preview crawlers instead of the redirect; null when the link has no social preview. */
  previewPage: string | null;
}

export function toRedirectLink(domain: string, slug: string, row: RedirectLinkRow): RedirectLink {
  const utm = utmPairs(row);
  const withUtm = (url: string | null) => (url ? asHeaderValue(mergeQuery(url, utm)) : null);
  const geoEntries = Object.entries(row.geo ?? {}).filter(([, url]) => typeof url === 'string' && url !== '');
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    domain,
    slug,
    destination: withUtm(row.url)!,
    iosDestination: withUtm(row.ios),
    androidDestination: withUtm(row.android),
    iosApp: row.ios !== null && isAppUrl(row.ios),
    androidApp: row.android !== null && isAppUrl(row.android),
    geoDestinations:
      geoEntries.length > 0
        ? new Map(geoEntries.map(([country, url]) => [country.toUpperCase(), withUtm(url)!]))
        : null,
    expiresAt: row.expires_at ? row.expires_at.getTime() : null,
    expiredUrl: row.expired_url ? asHeaderValue(row.expired_url) : null,
    passwordHash: row.password_hash,
    trackConversion: row.track_conversion,
    abTest: row.test_variants
      ? toRedirectAbTest(row.test_variants, row.test_ends_at, row.winner_url, row.test_pick_winner, (url) =>
          withUtm(url)!,
        )
      : null,
    previewPage: row.og ? socialPreviewPage(row.og, withUtm(row.url)!) : null,
  };
}
