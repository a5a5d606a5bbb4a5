import { findInputProblem, MAX_INPUT_DEPTH } from './validation';

const nestedArrays = (levels: number): unknown => {
  let value: unknown = 'leaf';
  for (let level = 0; level < levels; level++) value = [value];
  return value;
};

describe('findInputProblem', () => {
  it.each([
    ['a NUL in a field', { name: 'a\0b' }, 'name'],
    ['a NUL deep in arrays and objects', { links: [{ tags: ['ok', 'x\0'] }] }, 'links[0].tags[1]'],
    ['an unpaired surrogate', { title: 'a\uD800' }, 'title'],
    ['a NUL in a key (named by its parent)', { metadata: { 'k\0': 1 } }, 'metadata'],
    ['a NUL as the whole value', 'a\0', 'body'],
  ])('names the field: %s', (_case, value, field) => {
    expect(findInputProblem(value, '')).toEqual({
      field,
      message: `${field} must not contain NUL characters or unpaired surrogates`,
    });
  });

  it('accepts the deepest nesting allowed and refuses one level more, without recursing', () => {
    expect(findInputProblem({ a: nestedArrays(MAX_INPUT_DEPTH - 1) }, '')).toBeNull();
    expect(findInputProblem({ a: nestedArrays(MAX_INPUT_DEPTH) }, '')?.message).toMatch(/nests deeper than 32 levels/);
    expect(findInputProblem(nestedArrays(1_000_000), '')?.field).toBe('[0]'.repeat(MAX_INPUT_DEPTH));
  });

  it('accepts ordinary text, emoji and right-to-left marks, numbers, null, and a Buffer', () => {
    expect(findInputProblem({ name: 'Café 𝕃𝕚𝕟𝕜 \u202e', count: 3, none: null, raw: Buffer.from([0]) }, '')).toBeNull();
  });
});
