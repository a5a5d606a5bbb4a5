import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { enqueueLinkClickedEvents, isUniqueViolation } from '@app/database';
import type { PoolClient, QueryResultRow } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import type { ClickEvent } from './click-event';
import { toClickedLink } from './click-webhook-data';

const RETRYABLE = new Set(['40P01', '40001']); // deadlock, serialization failure

/**
 * Clicks serialised for PostgreSQL in one synchronous piece (~1.4 µs each): a batch of any size is serialised a slice
 * at a time, the event loop free between slices, then sent as one statement.
 */
export const SEND_SLICE = 150;

/**
 * Click storage: one transaction per batch (link counters, events), plus salts and partitions. Analytics read
 * the events through the analytics store's projection (by `seq`), not from here.
 */
@Injectable()
export class ClicksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Stores a batch and its link counters atomically. Idempotent: an event already stored (a retried batch) is
   * skipped and not counted twice. Events of links deleted meanwhile are dropped. Returns how many were stored.
   */
  async writeBatch(events: ClickEvent[]): Promise<number> {
    let rewrite = false;
    let attempts = 0;
    for (;;) {
      try {
        return await this.dataSource.transaction((manager) => this.writeInTransaction(manager, events, rewrite));
      } catch (error) {
        // Some event of the batch is stored already (a retried batch): write it again, skipping what is stored.
        if (!rewrite && isUniqueViolation(error)) {
          rewrite = true;
          continue;
        }
        if (++attempts >= 3 || !RETRYABLE.has((error as { code?: string }).code ?? '')) throw error;
      }
    }
  }

  /**
   * First written this way: the links' counters (COUNT_LINKS), then the events with a plain insert, cheaper than
   * ON CONFLICT (no speculative insertion per row). An event stored already (a retried batch) fails the
   * transaction with a unique violation, and the batch is written again with REWRITE_BATCH. Nothing else:
   * analytics (unique visitors included) are derived from the events by the analytics store.
   */
  private async writeInTransaction(manager: EntityManager, events: ClickEvent[], rewrite: boolean): Promise<number> {
    let liveEvents = events;
    let stored = 0;
    if (rewrite) {
      // The links are locked first, in id order, before the statement looks for what is stored already.
      const linkIds = [...new Set(events.map((event) => event.linkId))].sort();
      const existing: { id: string }[] = await manager.query(
        `SELECT id FROM links WHERE id = ANY($1::varchar[]) ORDER BY id FOR NO KEY UPDATE`,
        [linkIds],
      );
      const live = new Set(existing.map((row) => row.id));
      if (existing.length < linkIds.length) liveEvents = events.filter((event) => live.has(event.linkId));
      if (liveEvents.length > 0) {
        const [result]: { stored: number }[] = await manager.query(REWRITE_BATCH, await batchColumns(liveEvents));
        stored = result.stored;
      }
    } else {
      const totals = linkTotals(events);
      const [{ counted }] = await prepared<{ counted: number }>(
        manager,
        'click_count_links',
        COUNT_LINKS,
        totals.arrays,
      );
      if (counted < totals.links) {
        // Links deleted since their clicks: the rest are locked by the update, so this finds what it counted.
        const existing: { id: string }[] = await manager.query(`SELECT id FROM links WHERE id = ANY($1::varchar[])`, [
          totals.arrays[0],
        ]);
        const live = new Set(existing.map((row) => row.id));
        liveEvents = events.filter((event) => live.has(event.linkId));
      }
      await this.insertEvents(manager, liveEvents);
      stored = liveEvents.length;
    }
    // link.clicked for webhooks that ask for it, in this transaction; bots never.
    await enqueueLinkClickedEvents(
      manager,
      liveEvents.filter((event) => !event.isBot),
      toClickedLink,
    );
    return stored;
  }

  /**
   * The events as they are, one insert from arrays: one statement per batch rather than per slice spent ~6-10% less
   * PostgreSQL CPU per click (executor and partition routing set up once). Not COPY, although PostgreSQL reads its rows for less:
   * a COPY waits for the client's data inside the statement, where neither statement_timeout nor
   * idle_in_transaction_session_timeout ends it, so a connection cut silently mid-write would hold the links it
   * counted locked until TCP gives up (hours). Between complete statements the server's idle timeout ends it.
   */
  private async insertEvents(manager: EntityManager, events: ClickEvent[]): Promise<void> {
    if (events.length === 0) return;
    await prepared(manager, 'click_insert_events', INSERT_EVENTS, await batchColumns(events));
  }

  /** The salt of a UTC day: the stored one, or `candidate` when this instance is the first to need it. */
  async saltForDay(day: string, candidate: string): Promise<string> {
    await this.dataSource.query(`INSERT INTO click_salts (day, salt) VALUES ($1, $2) ON CONFLICT (day) DO NOTHING`, [
      day,
      candidate,
    ]);
    const rows: { salt: string }[] = await this.dataSource.query(`SELECT salt FROM click_salts WHERE day = $1`, [day]);
    return rows[0].salt;
  }

  /** Forgets the salts of days before `day`: their hashes can no longer be tied to an IP. */
  async deleteSaltsBefore(day: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM click_salts WHERE day < $1`, [day]);
  }

  /**
   * Retention: drops the monthly click_events partitions that end before `cutoff` (whole tables, no row
   * deletes). Returns the dropped partitions. Each instance's analytics store notices a month gone on its own
   * (AnalyticsProjection).
   */
  async dropBefore(cutoff: Date): Promise<string[]> {
    const dropped: { name: string }[] = await this.dataSource.query(
      `SELECT click_events_drop_partitions_before($1) AS name`,
      [cutoff],
    );
    return dropped.map((row) => row.name);
  }

  /** Creates the monthly partitions of click_events for this month and the next `monthsAhead`. */
  async ensurePartitions(monthsAhead: number): Promise<void> {
    await this.dataSource.query(`SELECT click_events_ensure_partitions($1)`, [monthsAhead]);
  }
}

/**
 * Runs `text` as the named prepared statement `name` of the transaction's connection: PostgreSQL parses and
 * plans the batch statement once per connection instead of once per batch (~0.5 ms of a 150-click batch).
 */
async function prepared<T>(manager: EntityManager, name: string, text: string, values: unknown[]): Promise<T[]> {
  const client = (await manager.queryRunner!.connect()) as PoolClient;
  return (await client.query<T & QueryResultRow>({ name, text, values })).rows;
}

type ColumnValue = string | number | boolean | null;

/**
 * The columns of click_events written per click: name, type of its array parameter, value of a click, and the SQL
 * that stores an element when it is not stored as sent (`$` stands for it).
 */
const EVENT_COLUMNS: readonly (readonly [string, string, (event: ClickEvent) => ColumnValue, string?])[] = [
  ['id', 'varchar', (event) => event.id],
  ['time', 'timestamptz', (event) => event.time.getTime()],
  ['workspace_id', 'varchar', (event) => event.workspaceId],
  ['link_id', 'varchar', (event) => event.linkId],
  ['domain', 'varchar', (event) => event.domain],
  ['url', 'text', (event) => event.url],
  // Stored as 64 bits of a hash of the SHA-256's hex (8 bytes instead of 65), the number the analytics store counts.
  ['visitor_hash', 'text', (event) => event.visitorHash, 'hashtextextended($, 0)'],
  ['country', 'varchar', (event) => event.country],
  ['region', 'text', (event) => event.region],
  ['city', 'text', (event) => event.city],
  ['device', 'varchar', (event) => event.device],
  ['browser', 'text', (event) => event.browser],
  ['os', 'text', (event) => event.os],
  ['referrer', 'text', (event) => event.referrer],
  ['referrer_domain', 'text', (event) => event.referrerDomain],
  ['utm_source', 'text', (event) => event.utmSource],
  ['utm_medium', 'text', (event) => event.utmMedium],
  ['utm_campaign', 'text', (event) => event.utmCampaign],
  ['utm_term', 'text', (event) => event.utmTerm],
  ['utm_content', 'text', (event) => event.utmContent],
  ['is_bot', 'boolean', (event) => event.isBot],
  ['variant', 'text', (event) => event.variant ?? null],
  ['destination_type', 'text', (event) => event.destinationType ?? null],
];

const COLUMN_NAMES = EVENT_COLUMNS.map(([name]) => `"${name}"`).join(', ');

/**
 * A batch as one array per column, the parameters of INSERT_EVENTS and REWRITE_BATCH, each in PostgreSQL's binary
 * form of an array (pg sends a Buffer parameter as binary): PostgreSQL then copies each element instead of parsing
 * the text form character by character, quotes and escapes included (~12% less PostgreSQL CPU per stored click).
 */
export function eventColumns(events: ClickEvent[]): Buffer[] {
  return EVENT_COLUMNS.map(([, type, value]) => binaryArray(type, events, value));
}

/**
 * A batch's events in link order (inLinkOrder) as the parameters of INSERT_EVENTS and REWRITE_BATCH, serialised a
 * slice at a time (SEND_SLICE) with the event loop free between slices, each column's array growing slice by slice.
 */
export async function batchColumns(events: ClickEvent[]): Promise<Buffer[]> {
  const ordered = inLinkOrder(events);
  const arrays = EVENT_COLUMNS.map(([, type]) => new BinaryArray(type));
  for (let start = 0; start < ordered.length; start += SEND_SLICE) {
    if (start > 0) await yieldToEventLoop();
    const slice = ordered.slice(start, start + SEND_SLICE);
    EVENT_COLUMNS.forEach(([, , value], column) => arrays[column].append(slice, value));
  }
  return arrays.map((array) => array.finish());
}

/** Element type OIDs of the array parameters (array_recv checks them against the parameter's type). */
const ELEMENT_TYPES: Record<string, number> = { varchar: 1043, text: 25, timestamptz: 1184, boolean: 16, int: 23 };
/** 2000-01-01T00:00:00Z in epoch ms: PostgreSQL's binary timestamps count microseconds from it. */
const POSTGRES_EPOCH_MS = 946_684_800_000;
const TWO_TO_THE_32 = 2 ** 32;
/** Four bytes of a big-endian int32 as latin1 characters, ready made for the lengths of most elements. */
function int32Bytes(value: number): string {
  return String.fromCharCode((value >>> 24) & 255, (value >>> 16) & 255, (value >>> 8) & 255, value & 255);
}
const LENGTHS = Array.from({ length: 1024 }, (_, length) => int32Bytes(length));
const NULL_ELEMENT = int32Bytes(-1);
const TRUE_ELEMENT = `${LENGTHS[1]}\x01`;
const FALSE_ELEMENT = `${LENGTHS[1]}\x00`;
// eslint-disable-next-line no-control-regex -- a byte range, not a typo
const NOT_ASCII = /[^\x00-\x7f]/;

/**
 * A one-dimensional array as array_recv reads it: dimensions, has-nulls flag, element type, length and lower bound,
 * then per element its byte length (-1: NULL) and bytes (text as UTF-8, a timestamp as int64 µs, an int as int32, a
 * boolean as 1 byte).
 * Built as strings of latin1 characters, one per byte, made bytes by one native call per append: a call per element
 * (Buffer.write) cost more than the copying.
 */
class BinaryArray {
  /**
   * The elements' bytes, a Buffer per append (a batch's slice): made bytes as each slice ends rather than all at once
   * by finish(), where flattening a 2,000-click batch's strings took 2-5 ms in one piece.
   */
  private readonly chunks: Buffer[] = [];
  private count = 0;
  private hasNull = false;

  constructor(private readonly type: string) {}

  append<T>(items: readonly T[], value: (item: T) => ColumnValue): void {
    let elements = '';
    for (const item of items) {
      const element = value(item);
      if (element === null) {
        elements += NULL_ELEMENT;
        this.hasNull = true;
      } else if (typeof element === 'string') {
        // UTF-8 bytes as latin1 characters; ASCII is both already.
        const bytes = NOT_ASCII.test(element) ? Buffer.from(element, 'utf8').toString('latin1') : element;
        elements += (LENGTHS[bytes.length] ?? int32Bytes(bytes.length)) + bytes;
      } else if (typeof element === 'boolean') {
        elements += element ? TRUE_ELEMENT : FALSE_ELEMENT;
      } else if (this.type === 'int') {
        elements += LENGTHS[4] + int32Bytes(element);
      } else {
        const micros = (element - POSTGRES_EPOCH_MS) * 1000;
        const high = Math.floor(micros / TWO_TO_THE_32);
        elements += LENGTHS[8] + int32Bytes(high) + int32Bytes(micros - high * TWO_TO_THE_32);
      }
    }
    this.chunks.push(Buffer.from(elements, 'latin1'));
    this.count += items.length;
  }

  /** The array's bytes (an empty array has no dimensions, so no length and lower bound). */
  finish(): Buffer {
    const header =
      int32Bytes(this.count > 0 ? 1 : 0) + int32Bytes(this.hasNull ? 1 : 0) + int32Bytes(ELEMENT_TYPES[this.type]);
    if (this.count === 0) return Buffer.from(header, 'latin1');
    return Buffer.concat([Buffer.from(header + int32Bytes(this.count) + LENGTHS[1], 'latin1'), ...this.chunks]);
  }
}

/**
 * The events grouped by link, links in id order, each link's events in the order they came (so their sequence numbers
 * follow it): consecutive rows then go to the same leaf pages of `(link_id, time)`, still in the CPU's caches from the
 * row before, instead of each to another of a thousand pages (~5% less PostgreSQL CPU per click over 1,000 links).
 */
export function inLinkOrder(events: ClickEvent[]): ClickEvent[] {
  const byLink = new Map<string, ClickEvent[]>();
  for (const event of events) {
    const group = byLink.get(event.linkId);
    if (group === undefined) byLink.set(event.linkId, [event]);
    else group.push(event);
  }
  if (byLink.size <= 1) return events;
  const ordered: ClickEvent[] = [];
  for (const linkId of [...byLink.keys()].sort()) for (const event of byLink.get(linkId)!) ordered.push(event);
  return ordered;
}

/** A whole array of `items` in one piece: a BinaryArray appended to once. */
function binaryArray<T>(type: string, items: readonly T[], value: (item: T) => ColumnValue): Buffer {
  const array = new BinaryArray(type);
  array.append(items, value);
  return array.finish();
}

/**
 * A batch's links, in id order (the order they are locked in), with their human clicks and latest human click
 * time: the parameters of COUNT_LINKS, as binary arrays (pg's text form of a thousand links' three arrays cost
 * ~0.4 ms more on the event loop, in one piece). A link clicked by bots only is there too (0 clicks, no time).
 */
export function linkTotals(events: ClickEvent[]): { links: number; arrays: Buffer[] } {
  const totals = new Map<string, { clicks: number; last: number }>();
  for (const event of events) {
    let total = totals.get(event.linkId);
    if (total === undefined) totals.set(event.linkId, (total = { clicks: 0, last: Number.NEGATIVE_INFINITY }));
    if (event.isBot) continue;
    total.clicks++;
    const time = event.time.getTime();
    if (time > total.last) total.last = time;
  }
  const links = [...totals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    links: links.length,
    arrays: [
      binaryArray('varchar', links, ([id]) => id),
      binaryArray('int', links, ([, total]) => total.clicks),
      binaryArray('timestamptz', links, ([, total]) => (total.clicks > 0 ? total.last : null)),
    ],
  };
}

/**
 * The links' counters and last click time, updated first, in id order: the update locks the links, so concurrent
 * writers on other instances queue on the first link they share, and a link cannot vanish mid-batch. Returns how
 * many links exist (fewer than the batch's: the events of a link deleted meanwhile are dropped), not their ids: a
 * thousand rows parsed on the event loop for a count nearly always equal to the batch's.
 */
const COUNT_LINKS = `
  WITH counted AS (
    UPDATE links SET clicks = links.clicks + totals.clicks, last_clicked_at = GREATEST(links.last_clicked_at, totals.last_clicked_at)
      FROM (SELECT * FROM unnest($1::varchar[], $2::int[], $3::timestamptz[]) AS totals (link_id, clicks, last_clicked_at)
             ORDER BY link_id) AS totals
     WHERE links.id = totals.link_id
    RETURNING 1
  )
  SELECT count(*)::int AS counted FROM counted`;

/**
 * The batch's arrays (parameters: eventColumns) as rows, one `unnest` per column in a select list: they advance in
 * step without storing each column's elements first, as `FROM unnest(a, b, …)` does (one tuplestore per array).
 * PostgreSQL spent half as much CPU reading a 150-click slice this way (~6 µs less per stored click).
 */
const BATCH_ROWS = `(SELECT ${EVENT_COLUMNS.map(([name, type, , stored = '$'], index) => `${stored.replace('$', `unnest($${index + 1}::${type}[])`)} AS ${name}`).join(', ')}) AS batch`;

/** The events of a slice, as they are. */
const INSERT_EVENTS = `INSERT INTO click_events (${COLUMN_NAMES}) SELECT * FROM ${BATCH_ROWS}`;

/**
 * The events of a batch inserted as they are, skipping those already stored: the bare insert bench:scale
 * compares the whole batch statement with.
 */
export const INSERT_CLICK_EVENTS = `${INSERT_EVENTS} ON CONFLICT DO NOTHING`;

/**
 * A slice of a batch that may be stored in part (a retry after a lost answer, the click stream delivering an
 * entry again), its links locked before (writeInTransaction): what is stored already is skipped and counted
 * nowhere twice.
 */
const REWRITE_BATCH = `
  WITH batch AS (SELECT * FROM ${BATCH_ROWS}),
  inserted AS (
    INSERT INTO click_events (${COLUMN_NAMES})
    SELECT ${EVENT_COLUMNS.map(([name]) => `batch.${name}`).join(', ')} FROM batch
    ON CONFLICT DO NOTHING
    RETURNING link_id, time, is_bot
  ),
  link_totals AS (
    UPDATE links SET clicks = links.clicks + totals.clicks, last_clicked_at = GREATEST(links.last_clicked_at, totals.last_clicked_at)
      FROM (SELECT link_id, count(*) AS clicks, max(time) AS last_clicked_at FROM inserted WHERE NOT is_bot GROUP BY link_id) AS totals
     WHERE links.id = totals.link_id
  )
  SELECT count(*)::int AS stored FROM inserted`;
