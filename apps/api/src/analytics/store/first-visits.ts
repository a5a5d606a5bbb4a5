import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DAY } from './analytics-database';

const DAY_MS = 86_400_000;
/** Pairs added to the sets between turns of the event loop (~0.1 ms). */
const YIELD_EVERY = 2_048;
/**
 * How long after a UTC day ends its events may still come in a batch: clicks queued before the write, sequence
 * numbers committed late (GAP_GRACE_MS). A day's visitors are held in memory while batches may bring its events;
 * an event later than this (a write retried long after) is decided by the scan of its day instead, as exactly.
 */
const LATE_MS = 600_000;
/** UTC day number of an epoch millisecond. */
const dayOf = (ms: number) => Math.floor(ms / DAY_MS);
/** The visitor as two 32-bit halves (JavaScript numbers, no BigInt per pair). */
const HALVES = `((visitor >> 32) & 4294967295)::UINTEGER AS high, (visitor & 4294967295)::UINTEGER AS low`;
/** The span of the batch's human clicks (epoch ms): which days it holds. */
const SPAN = `SELECT epoch_ms(min(time))::DOUBLE AS earliest, epoch_ms(max(time))::DOUBLE AS latest FROM coded WHERE NOT is_bot`;
/** The batch's human visits: one per (link, UTC day, visitor), its first by sequence number. */
const CANDIDATES = `SELECT link_id, (${DAY})::INTEGER AS day, ${HALVES}, min(seq) AS seq
    FROM coded WHERE NOT is_bot GROUP BY link_id, day, visitor`;
/** The first visits held of a day, streamed into its set (a restart, or a new day). */
const HELD = `SELECT link_id, ${HALVES} FROM clicks
   WHERE first_visit AND time >= to_timestamp($1::BIGINT * 86400) AND time < to_timestamp(($1::BIGINT + 1) * 86400)`;
/**
 * The candidates of days held in no set that are first visits: an anti-join with the first visits held of those
 * days and the batch's links (a scan of those days' clicks, through the zone maps of their time).
 */
const scanned = (days: number[]) => `WITH candidates AS (
    SELECT link_id, ${DAY} AS day, visitor, min(seq) AS seq FROM coded
     WHERE NOT is_bot AND ${DAY} IN (${days.join(', ')}) GROUP BY ALL),
  seen AS (
    SELECT link_id, ${DAY} AS day, visitor FROM clicks
     WHERE first_visit
       AND time >= to_timestamp(${Math.min(...days)} * 86400) AND time < to_timestamp(${Math.max(...days) + 1} * 86400)
       AND link_id IN (SELECT link_id FROM candidates))
  SELECT seq FROM candidates ANTI JOIN seen USING (link_id, day, visitor)`;

/** Tables of a VisitorSet, chosen by a pair's hash: growing one rehashes 1/256 of the pairs (~0.3 ms at 10M). */
const SHARD_BITS = 8;

/** The hash of a pair: the visitor is a hash already, mixing the link in spreads a visitor's pairs. */
const mix = (link: number, high: number, low: number) =>
  Math.imul(link, 0x9e3779b1) ^ low ^ Math.imul(high, 0x85ebca6b);

/**
 * Open addressing with linear probing over three Int32Arrays (12 bytes a slot, at most three quarters full), so
 * millions of pairs cost the garbage collector nothing and a lookup no allocation. Link codes start at 1: 0 marks
 * an empty slot.
 */
class PairTable {
  private links = new Int32Array(64);
  private highs = new Int32Array(64);
  private lows = new Int32Array(64);
  size = 0;

  get bytes(): number {
    return this.links.length * 12;
  }

  has(hash: number, link: number, high: number, low: number): boolean {
    return this.links[this.slotOf(hash, link, high, low)] !== 0;
  }

  add(hash: number, link: number, high: number, low: number): boolean {
    if ((this.size + 1) * 4 > this.links.length * 3) this.grow();
    const slot = this.slotOf(hash, link, high, low);
    if (this.links[slot] !== 0) return false;
    this.links[slot] = link;
    this.highs[slot] = high;
    this.lows[slot] = low;
    this.size++;
    return true;
  }

  /** The pair's slot, or the empty slot where it would go. */
  private slotOf(hash: number, link: number, high: number, low: number): number {
    const mask = this.links.length - 1;
    let slot = hash & mask;
    for (;;) {
      const held = this.links[slot];
      if (held === 0 || (held === link && this.lows[slot] === low && this.highs[slot] === high)) return slot;
      slot = (slot + 1) & mask;
    }
  }

  private grow(): void {
    const [links, highs, lows] = [this.links, this.highs, this.lows];
    this.links = new Int32Array(links.length * 2);
    this.highs = new Int32Array(links.length * 2);
    this.lows = new Int32Array(links.length * 2);
    this.size = 0;
    for (let slot = 0; slot < links.length; slot++)
      if (links[slot] !== 0) this.add(mix(links[slot], highs[slot], lows[slot]), links[slot], highs[slot], lows[slot]);
  }
}

/**
 * An exact set of (link code, visitor) pairs, 16–32 bytes a pair. Its pairs are spread over 256 tables by the top
 * bits of their hash, so that no insert rehashes more than a 256th of the set on the event loop.
 */
export class VisitorSet {
  private readonly tables = Array.from({ length: 1 << SHARD_BITS }, () => new PairTable());

  get size(): number {
    return this.tables.reduce((sum, table) => sum + table.size, 0);
  }

  /** Bytes held by the slots. */
  get bytes(): number {
    return this.tables.reduce((sum, table) => sum + table.bytes, 0);
  }

  has(link: number, high: number, low: number): boolean {
    const hash = mix(link, high | 0, low | 0);
    return this.tables[hash >>> (32 - SHARD_BITS)].has(hash, link, high | 0, low | 0);
  }

  /** Adds the pair; false when it was held already. */
  add(link: number, high: number, low: number): boolean {
    const hash = mix(link, high | 0, low | 0);
    return this.tables[hash >>> (32 - SHARD_BITS)].add(hash, link, high | 0, low | 0);
  }
}

/**
 * Decides which of a live batch's clicks are first visits (each visitor's first human click on a link and UTC day:
 * the first by sequence number within the batch, and none held already), without reading the clicks of the day:
 * the first visits of the days batches bring (the newest, and the one before for LATE_MS after midnight) are held
 * in memory, a VisitorSet per day, loaded from the clicks once (at the first batch of a day, or after a restart)
 * and extended by each batch once it has committed. An older day a batch holds is decided by a scan of it.
 * With `holdDays` false, every day is scanned (how first visits were decided before; the bench compares both).
 */
export class FirstVisits {
  private readonly days = new Map<number, VisitorSet>();
  /** The latest event time of the batches decided (epoch ms). */
  private newest = Number.NEGATIVE_INFINITY;

  constructor(private readonly holdDays = true) {}

  /** Pairs held, and their slots' bytes, over the days held. */
  get held(): { pairs: number; bytes: number } {
    let [pairs, bytes] = [0, 0];
    for (const set of this.days.values()) [pairs, bytes] = [pairs + set.size, bytes + set.bytes];
    return { pairs, bytes };
  }

  /**
   * Flags the first visits of the staged batch (`coded`, inside the append's transaction), and returns what to
   * call once that transaction has committed: the batch's first visits added to the days held.
   */
  async decide(connection: DuckDBConnection): Promise<() => Promise<void>> {
    const [span] = (await connection.runAndReadAll(SPAN)).getRowObjectsJS() as {
      earliest: number | null;
      latest: number | null;
    }[];
    // A batch of bots only.
    if (span.earliest === null || span.latest === null) return async () => undefined;
    this.newest = Math.max(this.newest, span.latest);
    // Days from `recent` on are held (loaded if need be); days before `from` are dropped once this batch commits.
    const [from, recent] = [dayOf(span.earliest - LATE_MS), dayOf(this.newest - LATE_MS)];
    // Loaded before the candidates are streamed: a statement on the connection would end their stream.
    if (this.holdDays)
      for (let day = Math.max(recent, dayOf(span.earliest)); day <= dayOf(span.latest); day++)
        if (!this.days.has(day)) this.days.set(day, await this.load(connection, day));
    const firsts: bigint[] = [];
    /** The batch's first visits per day held, as (link, high, low) triples: added once the batch has committed. */
    const added = new Map<VisitorSet, number[]>();
    const unheld = new Set<number>();
    // A chunk at a time (2,048 candidates), the event loop's turn between: a batch after a backlog holds 500,000.
    const result = await connection.stream(CANDIDATES);
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      const [links, days, highs, lows, seqs] = chunk.getColumns() as [number[], number[], number[], number[], bigint[]];
      for (let row = 0; row < chunk.rowCount; row++) {
        const set = this.days.get(days[row]);
        if (!set) unheld.add(days[row]);
        else if (!set.has(links[row], highs[row], lows[row])) {
          firsts.push(seqs[row]);
          let triples = added.get(set);
          if (!triples) added.set(set, (triples = []));
          triples.push(links[row], highs[row], lows[row]);
        }
      }
    }
    if (unheld.size > 0)
      for (const row of (await connection.runAndReadAll(scanned([...unheld]))).getRowObjectsJS())
        firsts.push(row.seq as bigint);
    // As one string: half the CPU of a LIST parameter (a DuckDB value per number).
    if (firsts.length > 0)
      await connection.run(
        `UPDATE coded SET first_visit = true WHERE seq IN (SELECT unnest(string_split($1, ','))::BIGINT)`,
        [firsts.join(',')],
      );
    return async () => {
      for (const [set, triples] of added)
        for (let index = 0; index < triples.length; index += 3) {
          set.add(triples[index], triples[index + 1], triples[index + 2]);
          if (index % (3 * YIELD_EVERY) === 3 * YIELD_EVERY - 3) await yieldToEventLoop();
        }
      // Days no batch is expected to bring any more (an event of one is still decided exactly, by a scan).
      for (const day of this.days.keys()) if (day < from) this.days.delete(day);
    };
  }

  private async load(connection: DuckDBConnection, day: number): Promise<VisitorSet> {
    const set = new VisitorSet();
    const result = await connection.stream(HELD, [BigInt(day)]);
    for (let chunk = await result.fetchChunk(); chunk && chunk.rowCount > 0; chunk = await result.fetchChunk()) {
      const [links, highs, lows] = chunk.getColumns() as [number[], number[], number[]];
      for (let row = 0; row < chunk.rowCount; row++) set.add(links[row], highs[row], lows[row]);
    }
    return set;
  }
}
