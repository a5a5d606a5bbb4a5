import { TestDnsServer } from '../../../test/helpers/dns-server';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';
import { bearer, createKey, setPlan, signUp, SignedUpUser } from '../../../test/helpers/fixtures';
import type { CreateDomainDto } from '../src/domains/dto/create-domain.dto';
import type { UpdateDomainDto } from '../src/domains/dto/update-domain.dto';

const FINGERPRINT = Array.from({ length: 32 }, (_, index) =>
  (index * 7).toString(16).toUpperCase().padStart(2, '0'),
).join(':');
const IOS = { appId: 'com.example.shop', teamId: 'ABCDE12345' };
const ANDROID = { packageName: 'com.example.shop', sha256CertFingerprints: [FINGERPRINT] };

describe('domain apps and their association files', () => {
  const dnsServer = new TestDnsServer();
  let t: TestApp;
  let owner: SignedUpUser;
  let key: string;

  beforeAll(async () => {
    await dnsServer.start();
    t = await startTestApp({
      DNS_SERVERS: dnsServer.address,
      SHORT_DOMAIN: 'lt.example.net',
      DOMAIN_CNAME_TARGET: 'cname.lt.example.net',
    });
    owner = await signUp(t);
    await setPlan(t, owner.workspaceId, 'creator');
    key = (await createKey(owner, { scopes: ['domains'] })).key;
  });
  afterAll(async () => {
    await t?.close();
    await dnsServer.stop();
  });

  const createDomain = (body: CreateDomainDto, authKey = key) =>
    t.http().post('/api/v1/domains').set(bearer(authKey)).send(body);
  const updateDomain = (id: string, body: UpdateDomainDto | Record<string, unknown>) =>
    t.http().patch(`/api/v1/domains/${id}`).set(bearer(key)).send(body);

  /** Adds the domain with its DNS records published and verifies it, so the server answers for it. */
  async function verifiedDomain(body: CreateDomainDto): Promise<{ id: string; domain: string }> {
    const created = await createDomain(body).expect(201);
    for (const record of created.body.dnsRecords) dnsServer.set(record.type, record.name, [record.value]);
    await t.http().post(`/api/v1/domains/${created.body.id}/verify`).set(bearer(key)).expect(200);
    return created.body;
  }

  const fetchFile = (host: string, path: string) => t.http().get(path).set('Host', host);

  it('stores the apps with their defaults and returns them on read', async () => {
    const created = await createDomain({ domain: 'apps.shop-test.com', apps: { ios: IOS, android: ANDROID } }).expect(
      201,
    );
    const expected = {
      ios: { ...IOS, paths: ['*'], webCredentials: false },
      android: { ...ANDROID, paths: ['*'] },
    };
    expect(created.body.apps).toEqual(expected);
    const listed = await t.http().get('/api/v1/domains').set(bearer(key)).expect(200);
    expect(listed.body.data.find((domain: { id: string }) => domain.id === created.body.id).apps).toEqual(expected);

    const iosOnly = await updateDomain(created.body.id, { apps: { ios: IOS } }).expect(200);
    expect(iosOnly.body.apps).toEqual({ ios: expected.ios, android: null });
    const untouched = await updateDomain(created.body.id, { noIndex: true }).expect(200);
    expect(untouched.body.apps).toEqual({ ios: expected.ios, android: null });
    expect((await updateDomain(created.body.id, { apps: null }).expect(200)).body.apps).toBeNull();
  });

  it('serves apple-app-site-association in Apple’s format: app ids, components, webcredentials', async () => {
    const domain = await verifiedDomain({
      domain: 'ios.shop-test.com',
      apps: { ios: { ...IOS, paths: ['/promo/*', 'NOT /promo/admin', '/p?'], webCredentials: true } },
    });
    const response = await fetchFile(domain.domain, '/.well-known/apple-app-site-association').expect(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.headers['cache-control']).toBe('public, max-age=3600');
    expect(response.headers.location).toBeUndefined();
    const file = JSON.parse(response.text);
    expect(file).toEqual({
      applinks: {
        details: [
          {
            appIDs: ['ABCDE12345.com.example.shop'],
            components: [{ '/': '/promo/*' }, { '/': '/promo/admin', exclude: true }, { '/': '/p?' }],
          },
        ],
      },
      webcredentials: { apps: ['ABCDE12345.com.example.shop'] },
    });
    // Apple's documented shape: each app id is <10-character Team ID>.<bundle id>; each component has a "/" string.
    for (const detail of file.applinks.details) {
      for (const appId of detail.appIDs) expect(appId).toMatch(/^[A-Z0-9]{10}\.[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/);
      for (const component of detail.components) expect(typeof component['/']).toBe('string');
    }
    // No .json extension, no redirect: the same path with one is not the file.
    await fetchFile(domain.domain, '/.well-known/apple-app-site-association.json').expect(404);
    // No iOS app: the Android file is absent, and so is it here once the apps are removed.
    await fetchFile(domain.domain, '/.well-known/assetlinks.json').expect(404);
  });

  it('serves assetlinks.json as a Digital Asset Links statement list', async () => {
    const domain = await verifiedDomain({ domain: 'android.shop-test.com', apps: { android: ANDROID } });
    const response = await fetchFile(domain.domain, '/.well-known/assetlinks.json').expect(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.headers['cache-control']).toBe('public, max-age=3600');
    const statements = JSON.parse(response.text);
    expect(statements).toEqual([
      {
        relation: ['delegate_permission/common.handle_all_urls'],
        target: { namespace: 'android_app', package_name: 'com.example.shop', sha256_cert_fingerprints: [FINGERPRINT] },
      },
    ]);
    for (const fingerprint of statements[0].target.sha256_cert_fingerprints)
      expect(fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    await fetchFile(domain.domain, '/.well-known/apple-app-site-association').expect(404);

    // Paths other than "*" are published as Dynamic App Links components; the change is served at once.
    await updateDomain(domain.id, { apps: { android: { ...ANDROID, paths: ['/app/*', 'NOT /app/help'] } } }).expect(
      200,
    );
    const narrowed = JSON.parse((await fetchFile(domain.domain, '/.well-known/assetlinks.json').expect(200)).text);
    expect(narrowed[0].relation_extensions).toEqual({
      'delegate_permission/common.handle_all_urls': {
        dynamic_app_link_components: [{ '/': '/app/*' }, { '/': '/app/help', exclude: true }],
      },
    });

    await updateDomain(domain.id, { apps: null }).expect(200);
    const gone = await fetchFile(domain.domain, '/.well-known/assetlinks.json').expect(404);
    expect(gone.body).toMatchObject({ code: 'not_found' });
  });

  it('serves no association file for a pending domain, an unknown host or the default short domain', async () => {
    await createDomain({ domain: 'pending.shop-test.com', apps: { ios: IOS } }).expect(201);
    await fetchFile('pending.shop-test.com', '/.well-known/apple-app-site-association').expect(404);
    await fetchFile('unknown.shop-test.com', '/.well-known/apple-app-site-association').expect(404);
    await fetchFile('lt.example.net', '/.well-known/assetlinks.json').expect(404);
  });

  it.each([
    ['apps.ios.teamId', { ios: { ...IOS, teamId: 'abcde12345' } }],
    ['apps.ios.teamId', { ios: { ...IOS, teamId: 'ABCDE1234' } }],
    ['apps.ios.appId', { ios: { ...IOS, appId: 'shop' } }],
    ['apps.ios.appId', { ios: { ...IOS, appId: 'com.example.shop app' } }],
    ['apps.ios.paths', { ios: { ...IOS, paths: ['promo'] } }],
    ['apps.ios.paths', { ios: { ...IOS, paths: ['/promo#top'] } }],
    ['apps.ios.paths', { ios: { ...IOS, paths: [] } }],
    ['apps.android.packageName', { android: { ...ANDROID, packageName: 'com.1example.shop' } }],
    ['apps.android.packageName', { android: { ...ANDROID, packageName: 'shop' } }],
    ['apps.android.sha256CertFingerprints', { android: { ...ANDROID, sha256CertFingerprints: ['AB:CD'] } }],
    [
      'apps.android.sha256CertFingerprints',
      { android: { ...ANDROID, sha256CertFingerprints: [FINGERPRINT.toLowerCase()] } },
    ],
    ['apps.android.sha256CertFingerprints', { android: { ...ANDROID, sha256CertFingerprints: [] } }],
    ['apps.android.packageName', { android: { sha256CertFingerprints: [FINGERPRINT] } }],
    ['apps.ios.bundle', { ios: { ...IOS, bundle: 'x' } }],
  ])('refuses %s with 400 naming it (%j)', async (field, apps) => {
    const response = await createDomain({ domain: 'invalid.shop-test.com', apps } as CreateDomainDto).expect(400);
    expect(response.body.code).toBe('validation_failed');
    expect(new Set(response.body.errors.map((error: { field: string }) => error.field))).toEqual(new Set([field]));
  });

  it('needs the creator plan for apps: 403 plan_upgrade_required below it, clearing always allowed', async () => {
    const starter = await signUp(t);
    await setPlan(t, starter.workspaceId, 'starter');
    const starterKey = (await createKey(starter, { scopes: ['domains'] })).key;
    const refused = await createDomain({ domain: 'starter.shop-test.com', apps: { ios: IOS } }, starterKey).expect(403);
    expect(refused.body).toMatchObject({ code: 'plan_upgrade_required', requiredPlan: 'creator' });
    expect(refused.body.message).toBe('App deep links requires the creator plan or above');
    const plain = await createDomain({ domain: 'starter.shop-test.com', apps: null }, starterKey).expect(201);
    expect(plain.body.apps).toBeNull();
  });
});
