import { destinationUrlProblem, isReservedSlug, pointsToOwnOrigin, RESERVED_SLUGS } from '@app/common';
import { isISO31661Alpha2 } from 'class-validator';
import { geoProblem, shortLinkUrl, slugProblem, withQueryParameter } from './link-rules';

describe('destination URL rules', () => {
  it.each([
    'https://example.com',
    'http://example.com/path?a=1&b=two#section',
    'HTTPS://Example.COM:8443/x',
    'https://sub.example.co.uk/a%20b?q=%E2%9C%93',
    'http://192.168.1.10:8080/',
    'http://[2001:db8::1]/x',
    'https://xn--nxasmq6b.com/',
    'http://intranet/wiki',
    'https://example.com./trailing-dot',
  ])('accepts %s', (url) => {
    expect(destinationUrlProblem(url)).toBeNull();
  });

  it.each([
    ['javascript:alert(1)', 'must use http or https'],
    ['JavaScript:alert(1)', 'must use http or https'],
    ['data:text/html;base64,PHNjcmlwdD4=', 'must use http or https'],
    ['file:///etc/passwd', 'must use http or https'],
    ['ftp://example.com/file', 'must use http or https'],
    ['mailto:someone@example.com', 'must use http or https'],
    ['//example.com/path', 'must be an absolute http(s) URL, e.g. https://example.com/page'],
    ['example.com', 'must be an absolute http(s) URL, e.g. https://example.com/page'],
    ['http:example.com', 'must be an absolute http(s) URL, e.g. https://example.com/page'],
    ['https://user:secret@example.com/', 'must not contain credentials (user:password@)'],
    ['https://user@example.com/', 'must not contain credentials (user:password@)'],
    ['https://@example.com/', 'must not contain credentials (user:password@)'],
    ['https://:@example.com/', 'must not contain credentials (user:password@)'],
    ['https://exa mple.com', 'must not contain spaces or control characters'],
    ['java\nscript:alert(1)', 'must not contain spaces or control characters'],
    ['https://example.com/\t', 'must not contain spaces or control characters'],
    ['http://', 'must be a valid URL'],
    ['http:///example.com', 'must be a valid URL'],
    ['https://exa<mple.com', 'must be a valid URL'],
    ['http://a..b/', 'must have a valid host name'],
    ['http://.../', 'must have a valid host name'],
    ['http://-bad-.com/', 'must have a valid host name'],
    ['', 'must not be empty'],
  ])('refuses %j: %s', (url, problem) => {
    expect(destinationUrlProblem(url)).toBe(problem);
  });

  it('refuses URLs longer than 8192 characters and accepts exactly 8192', () => {
    const base = 'https://example.com/?q=';
    expect(destinationUrlProblem(base + 'a'.repeat(8192 - base.length))).toBeNull();
    expect(destinationUrlProblem(base + 'a'.repeat(8193 - base.length))).toBe('must be at most 8192 characters');
  });

  it('refuses values that are not strings', () => {
    expect(destinationUrlProblem(42)).toBe('must be a string');
    expect(destinationUrlProblem({ href: 'https://example.com' })).toBe('must be a string');
  });

  it('spots destinations on a short domain, by port when the domain has one', () => {
    const own = (hosts: string[]) => ({ hosts, loopbackPorts: new Set<number>() });
    expect(pointsToOwnOrigin('https://lt.test/abc', own(['lt.test']))).toBe(true);
    expect(pointsToOwnOrigin('HTTP://LT.TEST.:8080/abc', own(['lt.test']))).toBe(true);
    expect(pointsToOwnOrigin('https://www.lt.test/abc', own(['lt.test']))).toBe(false);
    expect(pointsToOwnOrigin('http://localhost:3000/x', own(['localhost:3000']))).toBe(true);
    expect(pointsToOwnOrigin('http://localhost:4000/x', own(['localhost:3000']))).toBe(false);
    expect(pointsToOwnOrigin('https://example.com/lt.test', own(['lt.test']))).toBe(false);
  });

  it.each([
    ['http://localhost:3000/x', true],
    ['http://app.localhost:3000/x', true],
    ['http://127.0.0.1:3000/x', true],
    ['http://127.1:3000/x', true],
    ['http://2130706433:3000/x', true],
    ['http://[::1]:3000/x', true],
    ['http://[::ffff:127.0.0.1]:3000/x', true],
    ['http://0.0.0.0:3000/x', true],
    ['http://localhost/x', true],
    ['https://127.0.0.1/x', true],
    ['http://localhost:4000/x', false],
    ['http://10.0.0.1:3000/x', false],
    ['http://[::ffff:10.0.0.1]:3000/x', false],
  ])('loopback %s on the server ports (3000, 80, 443) points to it: %s', (url, loops) => {
    expect(pointsToOwnOrigin(url, { hosts: ['lt.test'], loopbackPorts: new Set([3000, 80, 443]) })).toBe(loops);
  });
});

describe('slug rules', () => {
  it.each(['a', 'summer-sale_2026', 'A1b2C3', 'x'.repeat(190), 'apps'.slice(1), 'docs2', 'my_api'])(
    'accepts %j',
    (slug) => {
      expect(slugProblem(slug)).toBeNull();
    },
  );

  it.each([
    ['', 'must be 1 to 190 characters'],
    ['x'.repeat(191), 'must be 1 to 190 characters'],
    ['a/b', 'may only contain letters, digits, "_" and "-"'],
    ['with space', 'may only contain letters, digits, "_" and "-"'],
    ['dot.ted', 'may only contain letters, digits, "_" and "-"'],
    ['émoji', 'may only contain letters, digits, "_" and "-"'],
  ])('refuses %j', (slug, problem) => {
    expect(slugProblem(slug)).toBe(problem);
  });

  it.each([
    'api',
    'API',
    'docs',
    'Docs',
    'app',
    'admin',
    'metrics',
    'health',
    'static',
    'assets',
    'apiary',
    'api-v2',
    '_next',
    '_',
  ])('refuses the reserved slug %j', (slug) => {
    expect(slugProblem(slug)).toBe(`"${slug}" is reserved (as are slugs starting with "api" or "_")`);
  });

  it('keeps file names the server answers in the reserved list, though they could never be slugs', () => {
    expect(RESERVED_SLUGS).toEqual(expect.arrayContaining(['favicon.ico', 'robots.txt']));
    expect(isReservedSlug('favicon.ico')).toBe(true);
    expect(isReservedSlug('robots.txt')).toBe(true);
  });
});

describe('geo rules', () => {
  it('accepts upper-case country codes mapped to URLs', () => {
    expect(geoProblem({ US: 'https://example.com/us', DE: 'https://example.de' })).toBeNull();
    expect(geoProblem({})).toBeNull();
  });

  it.each([
    [{ us: 'https://example.com' }, 'key "us" is not an upper-case ISO 3166-1 alpha-2 country code'],
    [{ XX: 'https://example.com' }, 'key "XX" is not an upper-case ISO 3166-1 alpha-2 country code'],
    [{ USA: 'https://example.com' }, 'key "USA" is not an upper-case ISO 3166-1 alpha-2 country code'],
    [{ FR: 'javascript:alert(1)' }, 'FR must use http or https'],
    [{ FR: 42 }, 'FR must be a string'],
    [['https://example.com'], 'must be an object of country code → URL'],
    ['US=https://example.com', 'must be an object of country code → URL'],
  ])('refuses %j', (geo, problem) => {
    expect(geoProblem(geo)).toBe(problem);
  });

  it('allows at most 250 entries', () => {
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const pairs = [...letters].flatMap((first) => [...letters].map((second) => first + second));
    const everyCountry = Object.fromEntries(
      pairs.filter((code) => isISO31661Alpha2(code)).map((code) => [code, 'https://example.com']),
    );
    expect(geoProblem(everyCountry)).toBeNull();
    const tooMany = Object.fromEntries(pairs.slice(0, 251).map((code) => [code, 'https://example.com']));
    expect(geoProblem(tooMany)).toBe('must have at most 250 entries');
  });
});

describe('query parameters and short links', () => {
  it.each([
    ['https://example.com', 'https://example.com?ref=news%20letter'],
    ['https://example.com/p?a=1&b=x%2By', 'https://example.com/p?a=1&b=x%2By&ref=news%20letter'],
    ['https://example.com/p?', 'https://example.com/p?ref=news%20letter'],
    ['https://example.com/p?a=1#top', 'https://example.com/p?a=1&ref=news%20letter#top'],
    ['https://example.com/p?ref=mine', 'https://example.com/p?ref=mine'],
  ])('adds ref to %s without touching the rest', (url, expected) => {
    expect(withQueryParameter(url, 'ref', 'news letter')).toBe(expected);
  });

  it('uses the configured scheme for the default domain, https elsewhere, http for development hosts', () => {
    expect(shortLinkUrl('lt.test', 'abc', 'lt.test', 'http')).toBe('http://lt.test/abc');
    expect(shortLinkUrl('lt.test', 'abc', 'lt.test', 'https')).toBe('https://lt.test/abc');
    expect(shortLinkUrl('go.brand.com', 'abc', 'lt.test', 'http')).toBe('https://go.brand.com/abc');
    expect(shortLinkUrl('localhost', 'abc', 'lt.test', 'https')).toBe('http://localhost/abc');
    expect(shortLinkUrl('brand.test:8080', 'abc', 'lt.test', 'https')).toBe('http://brand.test:8080/abc');
  });
});
