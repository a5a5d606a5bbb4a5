import { RecentValues } from './recent-values';

describe('RecentValues', () => {
  it('keeps a value until two generations have passed', () => {
    const now = 0;
    const values = new RecentValues<string, number>(4, 1_000, () => now);
    values.set('a', 1);
    values.set('b', 2); // the current generation is full: the next set starts another
    values.set('c', 3);
    expect(values.get('a')).toBe(1); // from the previous generation, copied into the current one
    values.set('d', 4);
    values.set('e', 5);
    expect([values.get('a'), values.get('b'), values.get('c'), values.get('e')]).toEqual([1, undefined, undefined, 5]);
  });

  it('keeps no value longer than its age limit', () => {
    let now = 0;
    const values = new RecentValues<string, number>(100, 1_000, () => now);
    values.set('a', 1);
    now = 600;
    values.set('b', 2);
    expect(values.get('a')).toBe(1);
    now = 1_700;
    values.set('c', 3);
    expect([values.get('a'), values.get('b'), values.get('c')]).toEqual([undefined, undefined, 3]);
  });

  it('holds at most its number of entries', () => {
    const values = new RecentValues<number, number>(10, 60_000);
    for (let key = 0; key < 1_000; key++) values.set(key, key);
    let kept = 0;
    for (let key = 0; key < 1_000; key++) if (values.get(key) !== undefined) kept++;
    expect(kept).toBeLessThanOrEqual(10);
  });
});
