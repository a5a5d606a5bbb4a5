import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { enqueueLinkClickedEvents, isUniqueViolation } from '@app/database';
import type { PoolClient, QueryResultRow } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import type { ClickEvent } from './click-event';
import { toClickedLink } from './click-webhook-data';

const RETRYABLE = new Set(['40P01', '40001']); // deadlock, serialization failure

/**
 * Click storage: one transaction per batch (events, link counters), plus salts and partitions. Analytics read
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

  private async writeInTransaction(manager: EntityManager, events: ClickEvent[], rewrite: boolean): Promise<number> {
    let liveEvents = events;
    let stored: number;
    if (rewrite) {
      // The links are locked first, in id order, before the statement looks for what is stored already.
      const linkIds = [...new Set(events.map((event) => event.linkId))].sort();
      const existing: { id: string }[] = await manager.query(
        `SELECT id FROM links WHERE id = ANY($1::varchar[]) ORDER BY id FOR NO KEY UPDATE`,
        [linkIds],
      );
      const live = new Set(existing.map((row) => row.id));
      if (existing.length < linkIds.length) liveEvents = events.filter((event) => live.has(event.linkId));
      if (liveEvents.length === 0) return 0;
      [{ stored }] = await manager.query(REWRITE_BATCH, eventColumns(liveEvents));
    } else {
      const [result] = await prepared<{ stored: number; missing: string[] }>(
        manager,
        'click_write_batch',
        WRITE_BATCH,
        eventColumns(events),
      );
      stored = result.stored;
      if (result.missing.length > 0) {
        const missing = new Set(result.missing);
        liveEvents = events.filter((event) => !missing.has(event.linkId));
      }
    }
    // link.clicked for webhooks that ask for it, in this transaction; bots never.
    await enqueueLinkClickedEvents(manager, liveEvents.filter((event) => !event.isBot).map(toClickedLink));
    return stored;
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

const EVENT_COLUMNS = [
  ['id', 'varchar'],
  ['time', 'timestamptz'],
  ['workspace_id', 'varchar'],
  ['link_id', 'varchar'],
  ['domain', 'varchar'],
  ['url', 'text'],
  ['visitor_hash', 'varchar'],
  ['country', 'varchar'],
  ['region', 'text'],
  ['city', 'text'],
  ['device', 'varchar'],
  ['browser', 'text'],
  ['os', 'text'],
  ['referrer', 'text'],
  ['referrer_domain', 'text'],
  ['utm_source', 'text'],
  ['utm_medium', 'text'],
  ['utm_campaign', 'text'],
  ['utm_term', 'text'],
  ['utm_content', 'text'],
  ['is_bot', 'boolean'],
  ['variant', 'text'],
  ['destination_type', 'text'],
] as const;

/** A batch as one array per column, the parameters of INSERT_CLICK_EVENTS. */
export function eventColumns(events: ClickEvent[]): unknown[][] {
  return [
    events.map((event) => event.id),
    events.map((event) => event.time.toISOString()),
    events.map((event) => event.workspaceId),
    events.map((event) => event.linkId),
    events.map((event) => event.domain),
    events.map((event) => event.url),
    events.map((event) => event.visitorHash),
    events.map((event) => event.country),
    events.map((event) => event.region),
    events.map((event) => event.city),
    events.map((event) => event.device),
    events.map((event) => event.browser),
    events.map((event) => event.os),
    events.map((event) => event.referrer),
    events.map((event) => event.referrerDomain),
    events.map((event) => event.utmSource),
    events.map((event) => event.utmMedium),
    events.map((event) => event.utmCampaign),
    events.map((event) => event.utmTerm),
    events.map((event) => event.utmContent),
    events.map((event) => event.isBot),
    events.map((event) => event.variant ?? null),
    events.map((event) => event.destinationType ?? null),
  ];
}

/** The batch's arrays (parameters: eventColumns) as rows. */
const BATCH_ROWS = `unnest(${EVENT_COLUMNS.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ')}) AS batch (${EVENT_COLUMNS.map(([name]) => name).join(', ')})`;

/**
 * The events of a batch inserted as they are, skipping those already stored: the bare insert bench:scale
 * compares the whole batch statement with.
 */
export const INSERT_CLICK_EVENTS = `INSERT INTO click_events (${EVENT_COLUMNS.map(([name]) => `"${name}"`).join(', ')})
    SELECT * FROM ${BATCH_ROWS}
    ON CONFLICT DO NOTHING`;

/** The batch's rows. */
const BATCH = `batch AS (SELECT * FROM ${BATCH_ROWS})`;

/** The events of `source`, as they are. */
function insertEvents(source: string): string {
  return `INSERT INTO click_events (${EVENT_COLUMNS.map(([name]) => `"${name}"`).join(', ')})
    SELECT ${EVENT_COLUMNS.map(([name]) => `event.${name}`).join(', ')} FROM ${source} event`;
}

/**
 * A batch in one statement, the events as one array per column (one round trip), written first this way:
 * - `live_links`: the links' counters and last click time (bots excluded), updated first, in id order: the
 *   update locks the links, so concurrent writers on other instances queue on the first link they share,
 *   and a link cannot vanish mid-batch. The events of links deleted meanwhile are dropped (`missing`);
 * - the events, with a plain insert: cheaper than ON CONFLICT (no speculative insertion per row). An event
 *   stored already (a retried batch) fails the statement with a unique violation, and the batch is written
 *   again with REWRITE_BATCH.
 * Nothing else: analytics (unique visitors included) are derived from the events by the analytics store.
 */
const WRITE_BATCH = `
  WITH ${BATCH},
  live_links AS (
    UPDATE links SET clicks = links.clicks + totals.clicks, last_clicked_at = GREATEST(links.last_clicked_at, totals.last_clicked_at)
      FROM (SELECT link_id, count(*) FILTER (WHERE NOT is_bot) AS clicks, max(time) FILTER (WHERE NOT is_bot) AS last_clicked_at
              FROM batch GROUP BY link_id ORDER BY link_id) AS totals
     WHERE links.id = totals.link_id
    RETURNING links.id
  ),
  live AS (
    SELECT batch.* FROM batch JOIN live_links ON live_links.id = batch.link_id
  ),
  inserted AS (
    ${insertEvents('live')}
  )
  SELECT (SELECT count(*)::int FROM live) AS stored,
         ARRAY(SELECT DISTINCT link_id FROM batch EXCEPT SELECT id FROM live_links) AS missing`;

/**
 * A batch that may be stored in part (a retry after a lost answer, the click stream delivering an entry again),
 * its links locked before (writeInTransaction): what is stored already is skipped and counted nowhere twice.
 */
const REWRITE_BATCH = `
  WITH ${BATCH},
  inserted AS (
    ${insertEvents('batch')}
    ON CONFLICT DO NOTHING
    RETURNING link_id, time, is_bot
  ),
  link_totals AS (
    UPDATE links SET clicks = links.clicks + totals.clicks, last_clicked_at = GREATEST(links.last_clicked_at, totals.last_clicked_at)
      FROM (SELECT link_id, count(*) AS clicks, max(time) AS last_clicked_at FROM inserted WHERE NOT is_bot GROUP BY link_id) AS totals
     WHERE links.id = totals.link_id
  )
  SELECT count(*)::int AS stored FROM inserted`;
