import { isStorableText, storableText } from './storable-text';

describe('storableText', () => {
  it.each([
    ['plain text', 'newsletter', 'newsletter'],
    ['NUL characters removed', 'news\0let\0ter', 'newsletter'],
    ['a lone high surrogate replaced', 'a\uD800b', 'a\uFFFDb'],
    ['a lone low surrogate replaced', 'a\uDC00b', 'a\uFFFDb'],
    ['a surrogate pair kept', 'a\uD83D\uDE00b', 'a\uD83D\uDE00b'],
  ])('%s', (_case, value, expected) => {
    expect(storableText(value, 100)).toBe(expected);
    expect(isStorableText(expected)).toBe(true);
  });

  it('cuts to the bound, never inside a surrogate pair', () => {
    expect(storableText('abcdef', 3)).toBe('abc');
    expect(storableText('ab\uD83D\uDE00', 3)).toBe('ab');
  });

  it('gives null for null and undefined', () => {
    expect(storableText(null, 10)).toBeNull();
    expect(storableText(undefined, 10)).toBeNull();
  });

  it.each([['\0'], ['a\uD800'], ['\uDFFFa']])('%j is not storable', (value) => {
    expect(isStorableText(value)).toBe(false);
  });
});
