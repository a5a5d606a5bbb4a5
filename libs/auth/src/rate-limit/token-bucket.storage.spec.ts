import { MemoryTokenBucketStorage } from './token-bucket.storage';

describe('MemoryTokenBucketStorage', () => {
  const capacity = 200;
  const fillMs = 120_000; // 100 requests per minute sustained

  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('lets a burst of 200 through, refuses the 201st, and refills 100 per minute', async () => {
    const storage = new MemoryTokenBucketStorage();
    for (let request = 1; request <= 200; request += 1) {
      const record = await storage.increment('key:a', fillMs, capacity);
      expect(record.isBlocked).toBe(false);
      expect(capacity - record.totalHits).toBe(200 - request);
    }
    const refused = await storage.increment('key:a', fillMs, capacity);
    expect(refused.isBlocked).toBe(true);
    expect(refused.timeToBlockExpire).toBe(1); // one token every 0.6 s
    expect(refused.timeToExpire).toBe(120); // empty → full in two minutes

    jest.advanceTimersByTime(600);
    expect((await storage.increment('key:a', fillMs, capacity)).isBlocked).toBe(false);
    expect((await storage.increment('key:a', fillMs, capacity)).isBlocked).toBe(true);

    jest.advanceTimersByTime(60_000);
    let passed = 0;
    while (!(await storage.increment('key:a', fillMs, capacity)).isBlocked) passed += 1;
    expect(passed).toBe(100);
  });

  it('keeps buckets apart and never exceeds capacity', async () => {
    const storage = new MemoryTokenBucketStorage();
    await storage.increment('key:a', fillMs, capacity);
    jest.advanceTimersByTime(3_600_000);
    const record = await storage.increment('key:a', fillMs, capacity);
    expect(capacity - record.totalHits).toBe(199);
    expect((await storage.increment('key:b', fillMs, 10)).totalHits).toBe(1);
  });
});
