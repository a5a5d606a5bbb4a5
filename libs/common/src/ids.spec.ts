import { newClickId } from './ids';

describe('newClickId', () => {
  it('is clk_, then 7 base62 characters of time and 16 random ones', () => {
    const ids = [newClickId(), newClickId()];
    for (const id of ids) expect(id).toMatch(/^clk_[0-9A-Za-z]{23}$/);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('sorts ids in the order of their times, character by character, across every digit boundary', () => {
    const times = [0, 1, 61, 62, 3_843, 3_844, 1_733_570_000_000, 1_733_570_000_001, 1_733_570_000_062, 62 ** 7 - 1];
    const ids = times.map((time) => newClickId(time));
    expect([...ids].reverse().sort()).toEqual(ids);
    expect(ids.map((id) => id.slice(4, 11))).toEqual([
      '0000000',
      '0000001',
      '000000z',
      '0000010',
      '00000zz',
      '0000100',
      expect.stringMatching(/^[0-9A-Za-z]{7}$/),
      expect.stringMatching(/^[0-9A-Za-z]{7}$/),
      expect.stringMatching(/^[0-9A-Za-z]{7}$/),
      'zzzzzzz',
    ]);
  });
});
