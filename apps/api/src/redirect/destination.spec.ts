import { asHeaderValue, encodePair, mergeQuery, rawQueryOf, splitQuery, targetedDevice, utmPairs } from './destination';

describe('mergeQuery', () => {
  it('adds parameters to a URL without a query', () => {
    expect(mergeQuery('https://example.com/page', ['a=1', 'b=2'])).toBe('https://example.com/page?a=1&b=2');
  });

  it('replaces parameters of the same key and keeps the others with their encoding', () => {
    expect(mergeQuery('https://example.com/?keep=a%20b&utm_source=old&x=1', ['utm_source=new'])).toBe(
      'https://example.com/?keep=a%20b&x=1&utm_source=new',
    );
  });

  it('compares keys decoded', () => {
    expect(mergeQuery('https://example.com/?utm%5Fsource=old', ['utm_source=new'])).toBe(
      'https://example.com/?utm_source=new',
    );
  });

  it('keeps the fragment last', () => {
    expect(mergeQuery('https://example.com/a?b=1#section', ['c=2'])).toBe('https://example.com/a?b=1&c=2#section');
  });

  it('keeps every value of a key repeated in the pairs', () => {
    expect(mergeQuery('https://example.com/?tag=x', ['tag=a', 'tag=b'])).toBe('https://example.com/?tag=a&tag=b');
  });

  it('returns the URL untouched when there is nothing to add', () => {
    expect(mergeQuery('https://example.com/?a=%7e', [])).toBe('https://example.com/?a=%7e');
  });
});

describe('query helpers', () => {
  it('reads the raw query of a request URL', () => {
    expect(rawQueryOf('/abc?x=1&y=%20')).toBe('x=1&y=%20');
    expect(rawQueryOf('/abc')).toBe('');
    expect(splitQuery('a=1&&b')).toEqual(['a=1', 'b']);
  });

  it('encodes pairs and UTM values in order, skipping empty ones', () => {
    expect(encodePair('q', 'a b&c')).toBe('q=a%20b%26c');
    expect(
      utmPairs({
        utm_source: 'news letter',
        utm_medium: null,
        utm_campaign: 'spring',
        utm_term: '',
        utm_content: null,
      }),
    ).toEqual(['utm_source=news%20letter', 'utm_campaign=spring']);
  });
});

describe('targetedDevice', () => {
  it('tells iOS and Android user agents apart from the rest', () => {
    expect(
      targetedDevice('Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148'),
    ).toBe('ios');
    expect(targetedDevice('Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X)')).toBe('ios');
    expect(
      targetedDevice('Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/124.0 Mobile Safari/537.36'),
    ).toBe('android');
    expect(targetedDevice('Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/124.0')).toBeNull();
    expect(targetedDevice(undefined)).toBeNull();
  });
});

describe('asHeaderValue', () => {
  it('percent-encodes what a header cannot carry and leaves clean URLs alone', () => {
    expect(asHeaderValue('https://example.com/ü ber?q=a b')).toBe('https://example.com/%C3%BC%20ber?q=a%20b');
    expect(asHeaderValue('https://example.com/a?b=%20')).toBe('https://example.com/a?b=%20');
  });
});
