import { BLOCK_SIZES, blockKey, cover, Coverage, dayToIso, SignedRead } from './compaction-periods';

/** Every block of every size in [lo, hi) (day numbers), or those `keep` keeps. */
function coverage(
  lo: number,
  hi: number,
  keep: (start: number, days: number) => boolean = () => true,
  days?: Set<string>,
): Coverage {
  const blocks = new Set<string>();
  for (const size of BLOCK_SIZES) {
    for (let start = Math.ceil(lo / size) * size; start + size <= hi; start += size)
      if (keep(start, size)) blocks.add(blockKey({ start: dayToIso(start), days: size }));
  }
  return { blocks, days, lo, hi };
}

/** How many times each day counts in the signed sum of the reads. */
function counted(reads: SignedRead[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const read of reads)
    for (let day = read.start; day < read.start + read.days; day++) counts.set(day, (counts.get(day) ?? 0) + read.sign);
  for (const [day, count] of counts) if (count === 0) counts.delete(day);
  return counts;
}

function range(from: number, to: number): Map<number, number> {
  return new Map(Array.from({ length: to - from }, (_, index) => [from + index, 1]));
}

describe('cover', () => {
  it('reads each day of the window once and no other day, whatever blocks are current', () => {
    let seed = 7;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    for (let trial = 0; trial < 500; trial++) {
      const from = 20_000 + Math.floor(random() * 600);
      const to = from + 1 + Math.floor(random() * 400);
      const lo = from - Math.floor(random() * 300);
      const hi = to + Math.floor(random() * 300);
      const share = random();
      const reads = cover(
        from,
        to,
        coverage(lo, hi, () => random() < share),
      );
      expect(counted(reads)).toEqual(range(from, to));
      expect(reads.length).toBeLessThanOrEqual(to - from);
      for (const read of reads) expect(read.start >= lo && read.start + read.days <= hi).toBe(true);
    }
  });

  it('takes a handful of reads for 90 days when every block is current (days one by one otherwise)', () => {
    const counts = Array.from(
      { length: 200 },
      (_, offset) => cover(20_000 + offset, 20_090 + offset, coverage(19_840, 20_416)).length,
    );
    expect(Math.max(...counts)).toBeLessThanOrEqual(8);
    expect(counts.reduce((sum, count) => sum + count, 0) / counts.length).toBeLessThan(6);
    expect(
      cover(
        20_000,
        20_090,
        coverage(19_840, 20_416, () => false),
      ),
    ).toHaveLength(90);
  });

  it('subtracts what a block holds beyond the window: 11–24 October 2026 is the 16 days from the 10th minus the 10th and the 25th', () => {
    // 20,736 (10 October 2026) = 16 × 1,296.
    const reads = cover(20_737, 20_751, coverage(20_736, 20_752));
    expect(reads.sort((a, b) => a.start - b.start || a.days - b.days)).toEqual([
      { start: 20_736, days: 1, sign: -1 },
      { start: 20_736, days: 16, sign: 1 },
      { start: 20_751, days: 1, sign: -1 },
    ]);
  });

  it('reads only the days it may: a day not built is never read, even to subtract', () => {
    const built = new Set(Array.from({ length: 16 }, (_, index) => dayToIso(20_737 + index)));
    const reads = cover(
      20_737,
      20_751,
      coverage(20_736, 20_752, () => true, built),
    );
    expect(reads.some((read) => read.days === 1 && read.start === 20_736)).toBe(false);
    expect(counted(reads)).toEqual(range(20_737, 20_751));
  });
});
