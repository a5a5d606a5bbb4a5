import { VisitorSet } from './first-visits';

describe('VisitorSet', () => {
  it('holds exactly the pairs added, across its tables growing', () => {
    const set = new VisitorSet();
    const expected = new Set<string>();
    // A seeded generator: the same pairs every run. Few links and visitors, so pairs repeat and collide.
    let state = 42;
    const next = (bound: number) => {
      state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
      return state % bound;
    };
    const wrong: string[] = [];
    for (let index = 0; index < 200_000; index++) {
      const [link, high, low] = [1 + next(50), next(4) - 2, next(3_000) * 65_537];
      const key = `${link}:${high | 0}:${low | 0}`;
      if (set.add(link, high, low) === expected.has(key)) wrong.push(`add ${key}`);
      expected.add(key);
    }
    expect(set.size).toBe(expected.size);
    for (let link = 1; link <= 50; link++)
      for (let high = -2; high < 2; high++)
        for (let visitor = 0; visitor < 3_000; visitor += 7) {
          const low = visitor * 65_537;
          if (set.has(link, high, low) !== expected.has(`${link}:${high}:${low | 0}`))
            wrong.push(`has ${link}:${high}:${low}`);
        }
    expect(wrong).toEqual([]);
  });

  it('tells apart pairs that differ in one half only', () => {
    const set = new VisitorSet();
    for (let high = 0; high < 40_000; high += 2) set.add(7, high, 5);
    for (let low = 0; low < 40_000; low += 2) set.add(7, 5, low);
    const held: string[] = [];
    for (let value = 1; value < 40_000; value += 2)
      for (const [link, high, low] of [
        [7, value, 5],
        [7, 5, value],
        [8, value - 1, 5],
      ])
        if (set.has(link, high, low)) held.push(`${link}:${high}:${low}`);
    expect(held).toEqual([]);
    expect(set.size).toBe(40_000);
  });

  it('treats a visitor half given unsigned like its signed 32 bits (DuckDB hands UINTEGER halves)', () => {
    const set = new VisitorSet();
    set.add(3, 4_294_967_295, 2_147_483_648);
    expect(set.has(3, -1, -2_147_483_648)).toBe(true);
    expect(set.has(3, -1, 2_147_483_647)).toBe(false);
    expect(set.has(4, -1, -2_147_483_648)).toBe(false);
  });
});
