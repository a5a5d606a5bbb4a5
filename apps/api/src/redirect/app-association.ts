import type { DomainApps } from '@app/database';

/**
 * The association files that let a domain's links open its apps, generated from the domain's apps: Apple's
 * apple-app-site-association (iOS 13+ `applinks.details[].appIDs` + `components`) and Google's Digital Asset
 * Links statement list (assetlinks.json). Pure, so a spec can hold them against the documented formats.
 */

/** A URL component pattern of both formats: `{ "/": "/promo/*" }`, `exclude` for the `NOT /path` patterns. */
export interface PathComponent {
  '/': string;
  exclude?: true;
}

export interface AppleAppSiteAssociation {
  applinks: { details: { appIDs: string[]; components: PathComponent[] }[] };
  webcredentials?: { apps: string[] };
}

export interface AssetLinksStatement {
  relation: ['delegate_permission/common.handle_all_urls'];
  target: { namespace: 'android_app'; package_name: string; sha256_cert_fingerprints: string[] };
  relation_extensions?: {
    'delegate_permission/common.handle_all_urls': { dynamic_app_link_components: PathComponent[] };
  };
}

const EXCLUDED = 'NOT ';

function toComponent(path: string): PathComponent {
  return path.startsWith(EXCLUDED) ? { '/': path.slice(EXCLUDED.length), exclude: true } : { '/': path };
}

/** The domain's apple-app-site-association, or null when it has no iOS app. */
export function appleAppSiteAssociation(apps: DomainApps | null): AppleAppSiteAssociation | null {
  const ios = apps?.ios;
  if (!ios) return null;
  // Apple's app identifier is the Team ID, a dot, and the bundle identifier.
  const appId = `${ios.teamId}.${ios.appId}`;
  return {
    applinks: { details: [{ appIDs: [appId], components: ios.paths.map(toComponent) }] },
    ...(ios.webCredentials && { webcredentials: { apps: [appId] } }),
  };
}

/** The domain's assetlinks.json, or null when it has no Android app. Paths other than `*` become Dynamic App Links. */
export function assetLinks(apps: DomainApps | null): AssetLinksStatement[] | null {
  const android = apps?.android;
  if (!android) return null;
  const everyPath = android.paths.length === 1 && android.paths[0] === '*';
  return [
    {
      relation: ['delegate_permission/common.handle_all_urls'],
      target: {
        namespace: 'android_app',
        package_name: android.packageName,
        sha256_cert_fingerprints: android.sha256CertFingerprints,
      },
      ...(!everyPath && {
        relation_extensions: {
          'delegate_permission/common.handle_all_urls': {
            dynamic_app_link_components: android.paths.map(toComponent),
          },
        },
      }),
    },
  ];
}
