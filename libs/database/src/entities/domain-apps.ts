/**
 * The apps that open a domain's links, as stored in `domains.apps` (jsonb): published as apple-app-site-association
 * and assetlinks.json. In a file of its own: the OpenAPI metadata generator cannot refer to an interface declared in an
 * entity's file.
 */
export interface DomainApps {
  ios?: { appId: string; teamId: string; paths: string[]; webCredentials: boolean };
  android?: { packageName: string; sha256CertFingerprints: string[]; paths: string[] };
}
