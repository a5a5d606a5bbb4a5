import { TestDnsServer } from '../../../test/helpers/dns-server';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';
import { bearer, createKey, setPlan, signUp, SignedUpUser } from '../../../test/helpers/fixtures';
import { LinkChangesService } from '@app/common';
import { DomainsService } from '../src/domains/domains.service';

describe('custom domains', () => {
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
    await setPlan(t, owner.workspaceId, 'agency');
    key = (await createKey(owner, { scopes: ['domains'] })).key;
  });
  afterAll(async () => {
    await t?.close();
    await dnsServer.stop();
  });

  const api = (authKey = key) => ({
    get: (url: string) => t.http().get(url).set(bearer(authKey)),
    post: (url: string, body: object = {}) => t.http().post(url).set(bearer(authKey)).send(body),
    patch: (url: string, body: object) => t.http().patch(url).set(bearer(authKey)).send(body),
    delete: (url: string) => t.http().delete(url).set(bearer(authKey)),
  });

  const publishRecords = (domain: {
    domain: string;
    dnsRecords: { type: 'TXT' | 'CNAME'; name: string; value: string }[];
  }) => {
    for (const record of domain.dnsRecords) dnsServer.set(record.type, record.name, [record.value]);
  };

  describe('GET /api/v1/domains/check', () => {
    it.each([
      ['Go.Example.COM', 'go.example.com'],
      ['go.example.com.', 'go.example.com'],
      ['bücher.example.de', 'xn--bcher-kva.example.de'],
    ])('normalises %p', async (input, domain) => {
      const response = await api()
        .get(`/api/v1/domains/check?domain=${encodeURIComponent(input)}`)
        .expect(200);
      expect(response.body).toEqual({ domain, available: true, reason: null });
    });

    it.each([
      ['10.0.0.1', 'domain must be a host name, not an IP address'],
      ['lt.example.net', "lt.example.net is LinkTrace's own domain"],
      ['co.uk', 'co.uk is a public suffix; use a domain registered under it'],
      ['https://go.example.com', 'domain must be a host name such as go.example.com, not a URL'],
    ])('refuses %p with 400', async (input, message) => {
      const response = await api()
        .get(`/api/v1/domains/check?domain=${encodeURIComponent(input)}`)
        .expect(400);
      expect(response.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'domain', message }] });
    });

    it('needs the domain parameter and the domains scope', async () => {
      expect((await api().get('/api/v1/domains/check').expect(400)).body.errors[0].field).toBe('domain');
      const { key: linksKey } = await createKey(owner, { scopes: ['links'] });
      const denied = await api(linksKey).get('/api/v1/domains/check?domain=a.example.com').expect(403);
      expect(denied.body.message).toBe('Missing required scope: domains:read');
    });
  });

  it('adds a domain (pending) with the DNS records to create, then verifies it', async () => {
    const created = await api().post('/api/v1/domains', { domain: 'Go.Acme-Test.com' }).expect(201);
    expect(created.body).toMatchObject({
      domain: 'go.acme-test.com',
      status: 'pending',
      verified: false,
      verifiedAt: null,
      noIndex: false,
    });
    expect(created.body.id).toMatch(/^dom_/);
    const [txt, cname] = created.body.dnsRecords;
    expect(txt).toEqual({
      type: 'TXT',
      name: '_linktrace.go.acme-test.com',
      value: expect.stringMatching(/^linktrace-verify=[0-9a-f]{32}$/),
    });
    expect(cname).toEqual({ type: 'CNAME', name: 'go.acme-test.com', value: 'cname.lt.example.net' });

    // Nothing published yet: both records reported missing.
    const missing = await api().post(`/api/v1/domains/${created.body.id}/verify`).expect(200);
    expect(missing.body.verified).toBe(false);
    expect(missing.body.problems).toEqual([
      `TXT record _linktrace.go.acme-test.com should be "${txt.value}" (no such record)`,
      'CNAME record go.acme-test.com should be "cname.lt.example.net" (no such record)',
    ]);
    expect(missing.body.domain.status).toBe('pending');

    // A wrong TXT value and the right CNAME: only the TXT is reported, with what was found.
    dnsServer.set('TXT', txt.name, ['linktrace-verify=somebody-else']);
    dnsServer.set('CNAME', cname.name, ['cname.lt.example.net']);
    const wrong = await api().post(`/api/v1/domains/${created.body.id}/verify`).expect(200);
    expect(wrong.body.problems).toEqual([
      `TXT record _linktrace.go.acme-test.com should be "${txt.value}" (found "linktrace-verify=somebody-else")`,
    ]);
    expect(wrong.body.domain.lastCheckError).toBe(wrong.body.problems[0]);

    publishRecords(created.body);
    const verified = await api().post(`/api/v1/domains/${created.body.id}/verify`).expect(200);
    expect(verified.body).toMatchObject({ verified: true, problems: [] });
    expect(verified.body.checks.every((check: { ok: boolean }) => check.ok)).toBe(true);
    expect(verified.body.domain).toMatchObject({ status: 'verified', verified: true, lastCheckError: null });
    expect(verified.body.domain.verifiedAt).not.toBeNull();

    const list = await api().get('/api/v1/domains').expect(200);
    expect(list.body.data.map((domain: { domain: string }) => domain.domain)).toContain('go.acme-test.com');
  });

  it('a verified host name belongs to one workspace; pending claims do not block others', async () => {
    const rival = await signUp(t);
    const rivalKey = (await createKey(rival, { scopes: ['domains'] })).key;
    await api(rivalKey).post('/api/v1/domains', { domain: 'shared.acme-test.com' }).expect(201);
    const mine = await api().post('/api/v1/domains', { domain: 'shared.acme-test.com' }).expect(201);
    const again = await api().post('/api/v1/domains', { domain: 'SHARED.acme-test.com' }).expect(409);
    expect(again.body.message).toBe('shared.acme-test.com: already added to this workspace');
    publishRecords(mine.body);
    await api().post(`/api/v1/domains/${mine.body.id}/verify`).expect(200);

    const taken = await api(rivalKey).get('/api/v1/domains/check?domain=shared.acme-test.com').expect(200);
    expect(taken.body).toEqual({
      domain: 'shared.acme-test.com',
      available: false,
      reason: 'verified by another workspace',
    });
    await api(rivalKey).post('/api/v1/domains', { domain: 'shared.acme-test.com' }).expect(409);
    // The rival's pending claim can never verify now, even with the records in place.
    const rivalDomain = (await api(rivalKey).get('/api/v1/domains').expect(200)).body.data[0];
    publishRecords(rivalDomain);
    const refused = await api(rivalKey).post(`/api/v1/domains/${rivalDomain.id}/verify`).expect(409);
    expect(refused.body.message).toBe('shared.acme-test.com: verified by another workspace');
  });

  it('other workspaces get 403 on every id route', async () => {
    const created = await api().post('/api/v1/domains', { domain: 'private.acme-test.com' }).expect(201);
    const stranger = await signUp(t);
    const strangerKey = (await createKey(stranger, { scopes: ['domains'] })).key;
    await setPlan(t, stranger.workspaceId, 'agency');
    for (const response of [
      await api(strangerKey).patch(`/api/v1/domains/${created.body.id}`, { noIndex: true }),
      await api(strangerKey).post(`/api/v1/domains/${created.body.id}/verify`),
      await api(strangerKey).delete(`/api/v1/domains/${created.body.id}`),
    ]) {
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('forbidden');
    }
    await api().delete('/api/v1/domains/dom_doesnotexist00000').expect(404);
  });

  it('counts domains against the plan quota (free: 1), concurrently too', async () => {
    const user = await signUp(t);
    const userKey = (await createKey(user, { scopes: ['domains'] })).key;
    const responses = await Promise.all(
      ['a', 'b', 'c', 'd'].map((label) => api(userKey).post('/api/v1/domains', { domain: `${label}.quota-test.com` })),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([201, 403, 403, 403]);
    const refused = responses.find((response) => response.status === 403)!;
    expect(refused.body).toMatchObject({
      code: 'quota_exceeded',
      message: 'Custom domains limit reached for the free plan',
      limit: 1,
    });
    await setPlan(t, user.workspaceId, 'starter');
    await api(userKey).post('/api/v1/domains', { domain: 'e.quota-test.com' }).expect(201);
  });

  it('metadata needs the creator plan and validates URLs', async () => {
    const user = await signUp(t);
    const userKey = (await createKey(user, { scopes: ['domains'] })).key;
    const created = await api(userKey).post('/api/v1/domains', { domain: 'meta.acme-test.com' }).expect(201);
    await setPlan(t, user.workspaceId, 'starter');
    const gated = await api(userKey).patch(`/api/v1/domains/${created.body.id}`, { noIndex: true }).expect(403);
    expect(gated.body).toMatchObject({
      code: 'plan_upgrade_required',
      requiredPlan: 'creator',
      message: 'Domain metadata control requires the creator plan or above',
    });
    await setPlan(t, user.workspaceId, 'creator');
    const bad = await api(userKey)
      .patch(`/api/v1/domains/${created.body.id}`, { rootUrl: 'javascript:alert(1)', notFoundUrl: 'not a url' })
      .expect(400);
    expect(bad.body.errors.map((error: { field: string }) => error.field).sort()).toEqual(['notFoundUrl', 'rootUrl']);
    const updated = await api(userKey)
      .patch(`/api/v1/domains/${created.body.id}`, {
        rootUrl: 'https://acme-test.com/',
        notFoundUrl: 'https://acme-test.com/404',
        expiredUrl: 'https://acme-test.com/expired',
        noIndex: true,
      })
      .expect(200);
    expect(updated.body).toMatchObject({
      rootUrl: 'https://acme-test.com/',
      notFoundUrl: 'https://acme-test.com/404',
      expiredUrl: 'https://acme-test.com/expired',
      noIndex: true,
    });
    const cleared = await api(userKey).patch(`/api/v1/domains/${created.body.id}`, { rootUrl: null }).expect(200);
    expect(cleared.body.rootUrl).toBeNull();
    expect(cleared.body.notFoundUrl).toBe('https://acme-test.com/404');
  });

  it.each([
    ['rootUrl', 'https://example.com/a\r\nSet-Cookie: x=1', 'rootUrl must not contain spaces or control characters'],
    ['notFoundUrl', 'https://example.com/\t404', 'notFoundUrl must not contain spaces or control characters'],
    ['expiredUrl', 'https://example.com/gone page', 'expiredUrl must not contain spaces or control characters'],
    ['rootUrl', 'https://user:pw@example.com/', 'rootUrl must not contain credentials (user:password@)'],
    [
      'notFoundUrl',
      'http://[::ffff:127.0.0.1]:3000/x',
      'notFoundUrl points to this server (a short link domain or a loopback address); a redirect there would loop',
    ],
    [
      'expiredUrl',
      'http://localhost:3000/x',
      'expiredUrl points to this server (a short link domain or a loopback address); a redirect there would loop',
    ],
    [
      'rootUrl',
      'https://loop.acme-test.com/elsewhere',
      'rootUrl points to this server (a short link domain or a loopback address); a redirect there would loop',
    ],
  ])('metadata URLs follow the rule of every destination: %s %j is 400', async (field, url, message) => {
    const user = await signUp(t);
    await setPlan(t, user.workspaceId, 'creator');
    const userKey = (await createKey(user, { scopes: ['domains'] })).key;
    // The domain's own host counts too: its rootUrl there would redirect to itself once it is verified.
    const hostname = url.includes('loop.acme-test.com')
      ? 'loop.acme-test.com'
      : `meta-${Math.random().toString(36).slice(2, 8)}.acme-test.com`;
    const created = await api(userKey).post('/api/v1/domains', { domain: hostname }).expect(201);
    const refused = await api(userKey)
      .patch(`/api/v1/domains/${created.body.id}`, { [field]: url })
      .expect(400);
    expect(refused.body).toMatchObject({ code: 'validation_failed', errors: [{ field, message }] });
  });

  it('deletion: 409 while links use the domain; force archives them (never deletes)', async () => {
    const created = await api().post('/api/v1/domains', { domain: 'used.acme-test.com' }).expect(201);
    await t.dataSource.query(
      `INSERT INTO links (id, workspace_id, domain, slug, url) VALUES ('link_deltest0000001', $1, 'used.acme-test.com', 'promo', 'https://example.com'),
                                                                       ('link_deltest0000002', $1, 'used.acme-test.com', 'sale', 'https://example.com')`,
      [owner.workspaceId],
    );
    const refused = await api().delete(`/api/v1/domains/${created.body.id}`).expect(409);
    expect(refused.body.message).toBe(
      'used.acme-test.com is used by 2 link(s); move them first or delete with ?force=true to archive them',
    );
    await api().delete(`/api/v1/domains/${created.body.id}?force=true`).expect(204);
    const links = await t.dataSource.query(
      `SELECT slug, archived FROM links WHERE domain = 'used.acme-test.com' ORDER BY slug`,
    );
    expect(links).toEqual([
      { slug: 'promo', archived: true },
      { slug: 'sale', archived: true },
    ]);
    await api().delete(`/api/v1/domains/${created.body.id}`).expect(404);
    const unused = await api().post('/api/v1/domains', { domain: 'unused.acme-test.com' }).expect(201);
    await api().delete(`/api/v1/domains/${unused.body.id}`).expect(204);
  });

  it('redirects by Host: two verified domains, one slug, two links; pending domains serve nothing; metadata applies', async () => {
    const first = await api().post('/api/v1/domains', { domain: 'one.route-test.com' }).expect(201);
    const second = await api().post('/api/v1/domains', { domain: 'two.route-test.com' }).expect(201);
    await api().post('/api/v1/domains', { domain: 'pending.route-test.com' }).expect(201);
    for (const domain of [first.body, second.body]) {
      publishRecords(domain);
      await api().post(`/api/v1/domains/${domain.id}/verify`).expect(200);
    }
    const linksKey = (await createKey(owner, { scopes: ['links'] })).key;
    const createLink = (domain: string, url: string) =>
      t.http().post('/api/v1/links').set(bearer(linksKey)).send({ url, domain, slug: 'promo' });
    const onFirst = await createLink('one.route-test.com', 'https://example.com/one').expect(201);
    expect(onFirst.body.shortLink).toBe('https://one.route-test.com/promo');
    await createLink('two.route-test.com', 'https://example.com/two').expect(201);
    expect((await createLink('pending.route-test.com', 'https://example.com/p')).status).toBe(400);
    await t.dataSource.query(
      `INSERT INTO links (id, workspace_id, domain, slug, url) VALUES ('link_pendingroute001', $1, 'pending.route-test.com', 'promo', 'https://example.com/p')`,
      [owner.workspaceId],
    );

    const follow = (host: string, path = '/promo') =>
      t.http().get(path).set('Host', host).set('User-Agent', 'Mozilla/5.0 (X11; Linux x86_64) Firefox/124.0');
    expect((await follow('one.route-test.com').expect(302)).headers.location).toBe('https://example.com/one');
    expect((await follow('TWO.route-test.com:443').expect(302)).headers.location).toBe('https://example.com/two');
    await follow('pending.route-test.com').expect(404);
    await follow('unknown.route-test.com').expect(404);
    await follow('one.route-test.com', '/nothing-here').expect(404);
    await follow('one.route-test.com', '/').expect(404);

    // Metadata: rootUrl for /, notFoundUrl for unknown slugs, expiredUrl for expired links, noIndex.
    await api()
      .patch(`/api/v1/domains/${first.body.id}`, {
        rootUrl: 'https://route-test.com/',
        notFoundUrl: 'https://route-test.com/404',
        expiredUrl: 'https://route-test.com/expired',
        noIndex: true,
      })
      .expect(200);
    const root = await follow('one.route-test.com', '/').expect(302);
    expect(root.headers).toMatchObject({ location: 'https://route-test.com/', 'x-robots-tag': 'noindex' });
    expect((await follow('one.route-test.com', '/nothing-here').expect(302)).headers.location).toBe(
      'https://route-test.com/404',
    );
    const promo = await follow('one.route-test.com').expect(302);
    expect(promo.headers['x-robots-tag']).toBe('noindex');
    await t.dataSource.query(`UPDATE links SET expires_at = now() - interval '1 minute' WHERE id = $1`, [
      onFirst.body.id,
    ]);
    await t
      .http()
      .patch(`/api/v1/links/${onFirst.body.id}`)
      .set(bearer(linksKey))
      .send({ title: 'expired now' })
      .expect(200);
    expect((await follow('one.route-test.com').expect(302)).headers.location).toBe('https://route-test.com/expired');
    expect((await follow('two.route-test.com').expect(302)).headers['x-robots-tag']).toBeUndefined();

    // A URL stored before URLs were checked strictly (CR/LF, spaces) is sent encoded, never a 500.
    await t.dataSource.query(`UPDATE domains SET not_found_url = $1 WHERE id = $2`, [
      'https://route-test.com/a\r\nb c',
      first.body.id,
    ]);
    t.app.get(LinkChangesService).publish({ domain: 'one.route-test.com' });
    expect((await follow('one.route-test.com', '/nothing-else').expect(302)).headers.location).toBe(
      'https://route-test.com/a%0D%0Ab%20c',
    );

    // Deleting the domain stops it at once.
    await api().delete(`/api/v1/domains/${second.body.id}?force=true`).expect(204);
    await follow('two.route-test.com').expect(404);
  });

  it('the daily re-check marks a domain failing when its records disappear, and verified again when they return', async () => {
    const created = await api().post('/api/v1/domains', { domain: 'recheck.acme-test.com' }).expect(201);
    publishRecords(created.body);
    await api().post(`/api/v1/domains/${created.body.id}/verify`).expect(200);
    await t.dataSource.query(
      `INSERT INTO links (id, workspace_id, domain, slug, url) VALUES ('link_recheck0000001', $1, 'recheck.acme-test.com', 'x', 'https://example.com')`,
      [owner.workspaceId],
    );
    const service = t.app.get(DomainsService);

    // Checked less than a day ago: not due.
    await t.dataSource.query(`UPDATE domains SET last_checked_at = now() WHERE status <> 'pending'`);
    expect(await service.recheckDue()).toBe(0);

    dnsServer.clear('TXT', created.body.dnsRecords[0].name);
    await t.dataSource.query(`UPDATE domains SET last_checked_at = now() - interval '25 hours' WHERE id = $1`, [
      created.body.id,
    ]);
    expect(await service.recheckDue()).toBe(1);
    const failing = (await api().get('/api/v1/domains').expect(200)).body.data.find(
      (domain: { id: string }) => domain.id === created.body.id,
    );
    expect(failing).toMatchObject({ status: 'failing', verified: true });
    expect(failing.lastCheckError).toMatch(/^TXT record _linktrace.recheck.acme-test.com should be/);
    expect((await t.dataSource.query(`SELECT archived FROM links WHERE id = 'link_recheck0000001'`))[0].archived).toBe(
      false,
    );

    publishRecords(created.body);
    await t.dataSource.query(`UPDATE domains SET last_checked_at = now() - interval '25 hours' WHERE id = $1`, [
      created.body.id,
    ]);
    await service.recheckDue();
    const back = (await api().get('/api/v1/domains').expect(200)).body.data.find(
      (domain: { id: string }) => domain.id === created.body.id,
    );
    expect(back).toMatchObject({ status: 'verified', lastCheckError: null });
  });
});
