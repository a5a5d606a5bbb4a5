import { inflateSync } from 'node:zlib';
import * as QRCode from 'qrcode';
import type { Response } from 'supertest';
import { bearer, createKey, signUp, SignedUpUser } from '../../../test/helpers/fixtures';
import { startTestApp, TestApp } from '../../../test/helpers/test-app';
import type { LinkDto } from '../src/links/dto/link.dto';

const SHORT_DOMAIN = 'lt.test';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the IHDR chunk, which the PNG format requires right after the signature. */
function pngDimensions(body: Buffer): { width: number; height: number } {
  expect(body.subarray(0, 8)).toEqual(PNG_SIGNATURE);
  expect(body.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: body.readUInt32BE(16), height: body.readUInt32BE(20) };
}

/**
 * The dark modules a 1-bit grayscale PNG shows, read at each module's centre (unfiltered rows, as the
 * API writes them): what a scanner would see, without decoding the QR code itself.
 */
function pngModules(body: Buffer, modules: number): boolean[][] {
  const { width } = pngDimensions(body);
  expect([body[24], body[25]]).toEqual([1, 0]); // bit depth 1, grayscale
  const idat = body.indexOf('IDAT', 0, 'latin1');
  const raw = inflateSync(body.subarray(idat + 4, idat + 4 + body.readUInt32BE(idat - 4)));
  const rowBytes = 1 + Math.ceil(width / 8);
  const pixelIsDark = (x: number, y: number) => (raw[y * rowBytes + 1 + (x >> 3)] & (0x80 >> (x & 7))) === 0;
  const centre = (index: number) => Math.floor(((index + 0.5) * width) / modules);
  return Array.from({ length: modules }, (_, row) =>
    Array.from({ length: modules }, (_, column) => pixelIsDark(centre(column), centre(row))),
  );
}

/** The symbol of `text` with its 4-module quiet zone, as rows of dark (true) and light modules. */
function expectedModules(text: string): boolean[][] {
  const symbol = QRCode.create(text, { errorCorrectionLevel: 'M' }).modules;
  const total = symbol.size + 8;
  return Array.from({ length: total }, (_, row) =>
    Array.from({ length: total }, (_, column) => {
      const [r, c] = [row - 4, column - 4];
      return r >= 0 && c >= 0 && r < symbol.size && c < symbol.size && symbol.get(r, c) === 1;
    }),
  );
}

/** supertest buffers image/* bodies only when asked to. */
const binary = (response: Response, callback: (error: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
};

describe('Link QR codes', () => {
  let testApp: TestApp;
  let owner: SignedUpUser;
  let key: string;
  let link: LinkDto;

  beforeAll(async () => {
    testApp = await startTestApp({ SHORT_DOMAIN, PUBLIC_URL: 'https://app.lt.test', COOKIE_SECURE: 'false' });
    owner = await signUp(testApp);
    key = (await createKey(owner, { scopes: ['links'], rateLimit: 100_000 })).key;
    const created = await testApp
      .http()
      .post('/api/v1/links')
      .set(bearer(key))
      .send({ url: 'https://example.com/page', slug: 'qr-me', externalId: 'promo-1' })
      .expect(201);
    link = created.body;
  });

  afterAll(() => testApp?.close());

  const qr = (id: string, query: Record<string, string | number> = {}, credential = key) =>
    testApp.http().get(`/api/v1/links/${id}/qr`).query(query).set(bearer(credential)).buffer(true).parse(binary);

  it('answers a 512 × 512 PNG by default, privately cacheable', async () => {
    const response = await qr(link.id).expect(200);
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.headers['cache-control']).toBe('private, max-age=300');
    expect(Number(response.headers['content-length'])).toBe(response.body.length);
    expect(pngDimensions(response.body)).toEqual({ width: 512, height: 512 });
  });

  it.each([64, 300, 2048])('renders a PNG of exactly %i pixels showing the modules of the short link', async (size) => {
    const response = await qr(link.id, { format: 'png', size }).expect(200);
    expect(pngDimensions(response.body)).toEqual({ width: size, height: size });
    const expected = expectedModules(link.shortLink);
    expect(pngModules(response.body, expected.length)).toEqual(expected);
    expect(pngModules(response.body, expected.length)).not.toEqual(expectedModules('https://lt.test/qr-mf'));
  });

  it('renders an SVG whose modules are those of the short link', async () => {
    const response = await qr(link.id, { format: 'svg', size: 256 }).expect(200);
    expect(response.headers['content-type']).toBe('image/svg+xml');
    const svg = response.body.toString('utf8');
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="256" height="256" viewBox="0 0 \d+ \d+"/,
    );
    expect(svg.trimEnd()).toMatch(/<\/svg>$/);
    // The dark modules drawn for the short link itself (a decode-free check of what the code encodes).
    const expected = await QRCode.toString(link.shortLink, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
    const darkModules = (text: string) => /<path stroke="#000000" d="([^"]+)"/.exec(text)?.[1];
    expect(link.shortLink).toBe('https://lt.test/qr-me');
    expect(darkModules(svg)).toBe(darkModules(expected));
    expect(darkModules(svg)).not.toBe(
      darkModules(
        await QRCode.toString('https://lt.test/qr-mf', { type: 'svg', errorCorrectionLevel: 'M', margin: 4 }),
      ),
    );
  });

  it('follows the link when its slug changes', async () => {
    const other = (
      await testApp
        .http()
        .post('/api/v1/links')
        .set(bearer(key))
        .send({ url: 'https://example.com/', slug: 'before' })
        .expect(201)
    ).body as LinkDto;
    const darkModules = async () =>
      /<path stroke="#000000" d="([^"]+)"/.exec(
        (await qr(other.id, { format: 'svg' }).expect(200)).body.toString(),
      )?.[1];
    const before = await darkModules();
    await testApp.http().patch(`/api/v1/links/${other.id}`).set(bearer(key)).send({ slug: 'after' }).expect(200);
    expect(await darkModules()).not.toBe(before);
  });

  it('addresses a link by ext_<externalId> too', async () => {
    const response = await qr('ext_promo-1', { format: 'png', size: 128 }).expect(200);
    expect(pngDimensions(response.body)).toEqual({ width: 128, height: 128 });
  });

  it.each([
    [{ format: 'gif' }, 'format'],
    [{ format: '' }, 'format'],
    [{ size: 63 }, 'size'],
    [{ size: 2049 }, 'size'],
    [{ size: '12.5' }, 'size'],
    [{ size: 'large' }, 'size'],
  ])('refuses %j with a 400 naming the field', async (query, field) => {
    const response = await testApp.http().get(`/api/v1/links/${link.id}/qr`).query(query).set(bearer(key)).expect(400);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.body).toMatchObject({ statusCode: 400, code: 'validation_failed', message: 'Validation failed' });
    expect(new Set(response.body.errors.map((error: { field: string }) => error.field))).toEqual(new Set([field]));
  });

  it('refuses unknown query parameters', async () => {
    const response = await testApp
      .http()
      .get(`/api/v1/links/${link.id}/qr`)
      .query({ colour: 'red' })
      .set(bearer(key))
      .expect(400);
    expect(response.body.code).toBe('validation_failed');
  });

  it('refuses a size too small for a long short link, naming the least that fits', async () => {
    const long = (
      await testApp
        .http()
        .post('/api/v1/links')
        .set(bearer(key))
        .send({ url: 'https://example.com/', slug: 'x'.repeat(190) })
        .expect(201)
    ).body as LinkDto;
    const response = await testApp
      .http()
      .get(`/api/v1/links/${long.id}/qr`)
      .query({ size: 64 })
      .set(bearer(key))
      .expect(400);
    expect(response.body.errors).toEqual([
      { field: 'size', message: expect.stringMatching(/^size must be at least \d+ pixels for this link's QR code$/) },
    ]);
    const least = Number(/at least (\d+)/.exec(response.body.errors[0].message)![1]);
    expect(pngDimensions((await qr(long.id, { size: least }).expect(200)).body)).toEqual({
      width: least,
      height: least,
    });
  });

  it('opens to links:read keys and the session, not to other scopes', async () => {
    const reader = await createKey(owner, { scopes: ['links:read'] });
    expect((await qr(link.id, {}, reader.key).expect(200)).headers['content-type']).toBe('image/png');
    const session = await owner.agent
      .get(`/api/v1/links/${link.id}/qr`)
      .query({ format: 'svg' })
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(session.headers['content-type']).toBe('image/svg+xml');
    const domainsOnly = await createKey(owner, { scopes: ['domains'] });
    const refused = await testApp.http().get(`/api/v1/links/${link.id}/qr`).set(bearer(domainsOnly.key)).expect(403);
    expect(refused.body).toMatchObject({ code: 'insufficient_scope', message: 'Missing required scope: links:read' });
    const anonymous = await testApp.http().get(`/api/v1/links/${link.id}/qr`).expect(401);
    expect(anonymous.body.code).toBe('unauthorized');
  });

  it("answers 403 for another workspace's link and 404 for an unknown one", async () => {
    const stranger = await signUp(testApp);
    const strangerKey = (await createKey(stranger, { scopes: ['links'] })).key;
    const forbidden = await testApp.http().get(`/api/v1/links/${link.id}/qr`).set(bearer(strangerKey)).expect(403);
    expect(forbidden.body).toMatchObject({ code: 'forbidden', message: 'You do not have access to this resource' });
    const missing = await testApp.http().get('/api/v1/links/link_doesnotexist000/qr').set(bearer(key)).expect(404);
    expect(missing.body).toMatchObject({ code: 'not_found', message: 'Link not found' });
  });
});
