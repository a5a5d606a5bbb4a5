import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ClickDimension } from '@app/database';
import { DataSource, EntityManager } from 'typeorm';
import { ClickEvent, utcDay } from './click-event';

export interface HourlyRollup {
  linkId: string;
  workspaceId: string;
  hour: Date;
  clicks: number;
  uniqueVisitors: number;
  botClicks: number;
}

export interface DailyRollup {
  linkId: string;
  workspaceId: string;
  day: string;
  dimension: ClickDimension;
  value: string;
  clicks: number;
  uniqueVisitors: number;
  botClicks: number;
}

export interface LinkClickTotal {
  linkId: string;
  clicks: number;
  lastClickedAt: Date;
}

export interface VisitorKey {
  linkId: string;
  workspaceId: string;
  day: string;
  visitorHash: string;
}

export interface BatchRollups {
  hourly: HourlyRollup[];
  daily: DailyRollup[];
  links: LinkClickTotal[];
}

/**
 * Computes a batch's rollups from the events that turn out to be new and the visitors (keys of
 * `visitorKeyString`) first seen by this batch; called inside the batch's transaction.
 */
export type RollupBuilder = (newEvents: ClickEvent[], firstVisits: ReadonlySet<string>) => BatchRollups;

const RETRYABLE = new Set(['40P01', '40001']); // deadlock, serialization failure

/** Click storage: one transaction per batch (events, visitors, rollups, link counters), plus salts and partitions. */
@Injectable()
export class ClicksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Stores a batch and its rollups atomically. Idempotent: an event already stored (a retried batch) is
   * skipped and not counted twice. Events of links deleted meanwhile are dropped. Returns how many were stored.
   */
  async writeBatch(events: ClickEvent[], buildRollups: RollupBuilder): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction((manager) => this.writeInTransaction(manager, events, buildRollups));
      } catch (error) {
        if (attempt >= 3 || !RETRYABLE.has((error as { code?: string }).code ?? '')) throw error;
      }
    }
  }

  private async writeInTransaction(manager: EntityManager, events: ClickEvent[], buildRollups: RollupBuilder): Promise<number> {
    // Rows of the links are locked first, in id order: concurrent writers on other instances then queue
    // on the first link they share instead of deadlocking on rollup rows, and a link cannot vanish mid-batch.
    const linkIds = [...new Set(events.map((event) => event.linkId))].sort();
    const existing: { id: string }[] = await manager.query(`SELECT id FROM links WHERE id = ANY($1::varchar[]) ORDER BY id FOR NO KEY UPDATE`, [linkIds]);
    const liveLinks = new Set(existing.map((row) => row.id));
    const liveEvents = events.filter((event) => liveLinks.has(event.linkId));
    if (liveEvents.length === 0) return 0;

    const inserted: { id: string }[] = await manager.query(INSERT_EVENTS, eventColumns(liveEvents));
    const insertedIds = new Set(inserted.map((row) => row.id));
    const newEvents = insertedIds.size === liveEvents.length ? liveEvents : liveEvents.filter((event) => insertedIds.has(event.id));
    if (newEvents.length === 0) return 0;

    const candidates = uniqueVisitorKeys(newEvents.filter((event) => !event.isBot));
    const firstVisits = new Set<string>();
    if (candidates.length > 0) {
      const rows: VisitorKey[] = await manager.query(INSERT_VISITORS, [
        candidates.map((key) => key.linkId),
        candidates.map((key) => key.workspaceId),
        candidates.map((key) => key.day),
        candidates.map((key) => key.visitorHash),
      ]);
      for (const row of rows) firstVisits.add(visitorKeyString(row));
    }

    const { hourly, daily, links } = buildRollups(newEvents, firstVisits);
    if (hourly.length > 0) {
      await manager.query(UPSERT_HOURLY, [
        hourly.map((row) => row.linkId),
        hourly.map((row) => row.workspaceId),
        hourly.map((row) => row.hour.toISOString()),
        hourly.map((row) => row.clicks),
        hourly.map((row) => row.uniqueVisitors),
        hourly.map((row) => row.botClicks),
      ]);
    }
    if (daily.length > 0) {
      await manager.query(UPSERT_DAILY, [
        daily.map((row) => row.linkId),
        daily.map((row) => row.workspaceId),
        daily.map((row) => row.day),
        daily.map((row) => row.dimension),
        daily.map((row) => row.value),
        daily.map((row) => row.clicks),
        daily.map((row) => row.uniqueVisitors),
        daily.map((row) => row.botClicks),
      ]);
    }
    if (links.length > 0) {
      await manager.query(UPDATE_LINK_TOTALS, [links.map((row) => row.linkId), links.map((row) => row.clicks), links.map((row) => row.lastClickedAt.toISOString())]);
    }
    return newEvents.length;
  }

  /** The salt of a UTC day: the stored one, or `candidate` when this instance is the first to need it. */
  async saltForDay(day: string, candidate: string): Promise<string> {
    await this.dataSource.query(`INSERT INTO click_salts (day, salt) VALUES ($1, $2) ON CONFLICT (day) DO NOTHING`, [day, candidate]);
    const rows: { salt: string }[] = await this.dataSource.query(`SELECT salt FROM click_salts WHERE day = $1`, [day]);
    return rows[0].salt;
  }

  /** Forgets the salts of days before `day`: their hashes can no longer be tied to an IP. */
  async deleteSaltsBefore(day: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM click_salts WHERE day < $1`, [day]);
  }

  /** Creates the monthly partitions of click_events for this month and the next `monthsAhead`. */
  async ensurePartitions(monthsAhead: number): Promise<void> {
    await this.dataSource.query(`SELECT click_events_ensure_partitions($1)`, [monthsAhead]);
  }
}

export function visitorKeyString(key: { linkId: string; day: string; visitorHash: string }): string {
  return `${key.linkId}|${key.day}|${key.visitorHash}`;
}

function uniqueVisitorKeys(events: ClickEvent[]): VisitorKey[] {
  const keys = new Map<string, VisitorKey>();
  for (const event of events) {
    const key = { linkId: event.linkId, workspaceId: event.workspaceId, day: utcDay(event.time), visitorHash: event.visitorHash };
    keys.set(visitorKeyString(key), key);
  }
  return [...keys.values()].sort((a, b) => compare(a.linkId, b.linkId) || compare(a.day, b.day) || compare(a.visitorHash, b.visitorHash));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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
  ['user_agent', 'text'],
  ['referrer', 'text'],
  ['referrer_domain', 'text'],
  ['utm_source', 'text'],
  ['utm_medium', 'text'],
  ['utm_campaign', 'text'],
  ['utm_term', 'text'],
  ['utm_content', 'text'],
  ['is_bot', 'boolean'],
] as const;

// One statement per batch whatever its size: one array per column.
const INSERT_EVENTS = `
  INSERT INTO click_events (${EVENT_COLUMNS.map(([name]) => `"${name}"`).join(', ')})
  SELECT * FROM unnest(${EVENT_COLUMNS.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ')})
  ON CONFLICT DO NOTHING
  RETURNING id`;

function eventColumns(events: ClickEvent[]): unknown[][] {
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
    events.map((event) => event.userAgent),
    events.map((event) => event.referrer),
    events.map((event) => event.referrerDomain),
    events.map((event) => event.utmSource),
    events.map((event) => event.utmMedium),
    events.map((event) => event.utmCampaign),
    events.map((event) => event.utmTerm),
    events.map((event) => event.utmContent),
    events.map((event) => event.isBot),
  ];
}

// RETURNING names only the visitors this batch saw first: the unique ones.
const INSERT_VISITORS = `
  INSERT INTO click_visitors_daily (link_id, workspace_id, day, visitor_hash)
  SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::date[], $4::varchar[])
  ON CONFLICT DO NOTHING
  RETURNING link_id AS "linkId", day::text AS day, visitor_hash AS "visitorHash"`;

const UPSERT_HOURLY = `
  INSERT INTO link_click_rollups_hourly AS rollup (link_id, workspace_id, hour, clicks, unique_visitors, bot_clicks)
  SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::timestamptz[], $4::bigint[], $5::bigint[], $6::bigint[])
  ON CONFLICT (link_id, hour) DO UPDATE SET
    clicks = rollup.clicks + EXCLUDED.clicks,
    unique_visitors = rollup.unique_visitors + EXCLUDED.unique_visitors,
    bot_clicks = rollup.bot_clicks + EXCLUDED.bot_clicks`;

const UPSERT_DAILY = `
  INSERT INTO click_rollups_daily AS rollup (link_id, workspace_id, day, dimension, value, clicks, unique_visitors, bot_clicks)
  SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::date[], $4::varchar[], $5::text[], $6::bigint[], $7::bigint[], $8::bigint[])
  ON CONFLICT (link_id, day, dimension, value) DO UPDATE SET
    clicks = rollup.clicks + EXCLUDED.clicks,
    unique_visitors = rollup.unique_visitors + EXCLUDED.unique_visitors,
    bot_clicks = rollup.bot_clicks + EXCLUDED.bot_clicks`;

const UPDATE_LINK_TOTALS = `
  UPDATE links SET clicks = links.clicks + totals.clicks, last_clicked_at = GREATEST(links.last_clicked_at, totals.last_clicked_at)
    FROM unnest($1::varchar[], $2::bigint[], $3::timestamptz[]) AS totals (id, clicks, last_clicked_at)
   WHERE links.id = totals.id`;
