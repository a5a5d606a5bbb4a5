/**
 * A bounded, short-lived memo: values are kept in two generations of plain Maps; when the current one holds half of
 * `maxEntries`, or is older than half of `maxAgeMs`, it becomes the previous one and the previous one is dropped. So
 * at most `maxEntries` are kept, none longer than `maxAgeMs` while values keep being set (ages are checked when one
 * is, as an LRU without auto-purge keeps expired entries until touched), and a hit costs one or two Map lookups: no
 * list to reorder and no clock read, as an LRU with a TTL does on every get.
 */
export class RecentValues<K, V> {
  private current = new Map<K, V>();
  private previous = new Map<K, V>();
  private currentSince: number;

  constructor(
    private readonly maxEntries: number,
    private readonly maxAgeMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.currentSince = now();
  }

  get(key: K): V | undefined {
    const value = this.current.get(key);
    if (value !== undefined || this.previous.size === 0) return value;
    const old = this.previous.get(key);
    // Seen again: kept for another generation (the clock is read only here and in set).
    if (old !== undefined) this.set(key, old);
    return old;
  }

  set(key: K, value: V): void {
    if (this.current.size * 2 >= this.maxEntries || this.now() - this.currentSince >= this.maxAgeMs / 2) this.rotate();
    this.current.set(key, value);
  }

  private rotate(): void {
    const now = this.now();
    // A previous generation older than the whole age limit (no set for a while) is not kept either.
    this.previous = now - this.currentSince >= this.maxAgeMs ? new Map() : this.current;
    this.current = new Map();
    this.currentSince = now;
  }
}
