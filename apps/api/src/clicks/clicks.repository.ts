import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { enqueueLinkClickedEvents } from '@app/database';
import { DataSource, EntityManager } from 'typeorm';
import type { ClickEvent } from './click-event';
import { toClickedLink } from './click-webhook-data';

const RETRYABLE = new Set(['40P01', '40001']); // deadlock, serialization failure

/** Longest value of a daily rollup dimension: values are part of its primary key. */
export const MAX_DIMENSION_VALUE_LENGTH = 500;

/** Click storage: one transaction per batch (events, visitors, rollups, link counters), plus salts and partitions. */
@Injectable()
export class ClicksRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Stores a batch and its rollups atomically. Idempotent: an event already stored (a retried batch) is
   * skipped and not counted twice. Events of links deleted meanwhile are dropped. Returns how many were stored.
   */
  async writeBatch(events: ClickEvent[]): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.dataSource.transaction((manager) => this.writeInTransaction(manager, events));
      } catch (error) {
        if (attempt >= 3 || !RETRYABLE.has((error as { code?: string }).code ?? '')) throw error;
      }
    }
  }

  private async writeInTransaction(manager: EntityManager, events: ClickEvent[]): Promise<number> {
    // Rows of the links are locked first, in id order: concurrent writers on other instances then queue
    // on the first link they share instead of deadlocking on rollup rows, and a link cannot vanish mid-batch.
    const linkIds = [...new Set(events.map((event) => event.linkId))].sort();
    const existing: { id: string }[] = await manager.query(
      `SELECT id FROM links WHERE id = ANY($1::varchar[]) ORDER BY id FOR NO KEY UPDATE`,
      [linkIds],
    );
    const liveLinks = new Set(existing.map((row) => row.id));
    const liveEvents =
      existing.length === linkIds.length ? events : events.filter((event) => liveLinks.has(event.linkId));
    if (liveEvents.length === 0) return 0;
    const [result]: { stored: number }[] = await manager.query(WRITE_BATCH, eventColumns(liveEvents));
    // link.clicked for webhooks that ask for it, in this transaction; bots never.
    await enqueueLinkClickedEvents(manager, liveEvents.filter((event) => !event.isBot).map(toClickedLink));
    return result.stored;
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
   * deletes). When a month went, the rollup rows before `cutoff` are deleted too: the rollup tables have no
   * index led by time, so this scan runs once a month, not daily. Returns the dropped partitions.
   */
  async dropBefore(cutoff: Date): Promise<string[]> {
    const dropped: { name: string }[] = await this.dataSource.query(
      `SELECT click_events_drop_partitions_before($1) AS name`,
      [cutoff],
    );
    if (dropped.length === 0) return [];
    const day = cutoff.toISOString().slice(0, 10);
    for (const table of [
      'link_click_rollups_hourly',
      'workspace_click_rollups_hourly',
      'workspace_dimension_rollups_hourly',
    ]) {
      await this.dataSource.query(`DELETE FROM ${table} WHERE hour < $1`, [cutoff]);
    }
    for (const table of [
      'link_click_rollups_daily',
      'click_rollups_daily',
      'workspace_dimension_rollups_daily',
      'click_visitors_daily',
      'click_pair_rollups_daily',
      'click_pair_rollup_days',
    ]) {
      await this.dataSource.query(`DELETE FROM ${table} WHERE day < $1`, [day]);
    }
    for (const table of [
      'link_click_rollups_blocks',
      'workspace_dimension_rollups_blocks',
      'rollup_blocks',
      'click_pair_rollups_blocks',
      'click_pair_rollup_blocks',
    ]) {
      await this.dataSource.query(`DELETE FROM ${table} WHERE start_day < $1`, [day]);
    }
    return dropped.map((row) => row.name);
  }

  /** Creates the monthly partitions of click_events for this month and the next `monthsAhead`. */
  async ensurePartitions(monthsAhead: number): Promise<void> {
    await this.dataSource.query(`SELECT click_events_ensure_partitions($1)`, [monthsAhead]);
  }
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

/**
 * Each dimension of a click and its rollup value (see ClickRollupDailyEntity). The analytics queries of raw
 * events use the same expressions (CLICK_DIMENSION_EXPRESSIONS), so both sources agree.
 */
export const CLICK_DIMENSION_EXPRESSIONS: Record<string, string> = {
  domain: 'domain',
  country: 'country',
  region: `CASE WHEN country IS NOT NULL AND region IS NOT NULL THEN country || '|' || region END`,
  city: `CASE WHEN country IS NOT NULL AND city IS NOT NULL THEN country || '|' || coalesce(region, '') || '|' || city END`,
  device: 'device',
  browser: 'browser',
  os: 'os',
  referrer: `coalesce(referrer_domain, CASE WHEN referrer IS NULL THEN '(direct)' ELSE '(unknown)' END)`,
  referrer_url: `coalesce(substring(referrer FROM '^[^?#]*'), '(direct)')`,
  utm_source: 'utm_source',
  utm_medium: 'utm_medium',
  utm_campaign: 'utm_campaign',
  utm_term: 'utm_term',
  utm_content: 'utm_content',
};

/** `('country', country), …`: each dimension and its value over a click_events row, for `CROSS JOIN LATERAL (VALUES …)`. */
export const CLICK_DIMENSION_VALUES = Object.entries(CLICK_DIMENSION_EXPRESSIONS)
  .map(([dimension, expression]) => `('${dimension}', ${expression})`)
  .join(',\n       ');
/** A rollup row's counters (clicks, unique_visitors, bot_clicks) over click_events rows. */
export const ROLLUP_COUNTS =
  'count(*) FILTER (WHERE NOT is_bot), count(*) FILTER (WHERE first_visit), count(*) FILTER (WHERE is_bot)';
const ADD_COUNTS = `clicks = rollup.clicks + EXCLUDED.clicks, unique_visitors = rollup.unique_visitors + EXCLUDED.unique_visitors,
      bot_clicks = rollup.bot_clicks + EXCLUDED.bot_clicks`;

/** The batch's arrays (parameters: eventColumns) as rows. */
const BATCH_ROWS = `unnest(${EVENT_COLUMNS.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ')}) AS batch (${EVENT_COLUMNS.map(([name]) => name).join(', ')})`;

/**
 * The events of a batch inserted as they are, skipping those already stored: the bare insert bench:scale
 * compares the whole batch statement with.
 */
export const INSERT_CLICK_EVENTS = `INSERT INTO click_events (${EVENT_COLUMNS.map(([name]) => `"${name}"`).join(', ')})
    SELECT * FROM ${BATCH_ROWS}
    ON CONFLICT DO NOTHING`;

/**
 * The whole batch in one statement: the events go in as one array per column, and PostgreSQL derives
 * the rollups from the rows actually inserted, so a batch costs one round trip and no rollup crosses
 * the wire. Step by step:
 * - `first_visits`: (link, UTC day, visitor) rows of non-bot clicks that are new in click_visitors_daily —
 *   those visitors are unique, and count on their earliest click of the batch (`first_clicks`). A retried
 *   batch finds its visitors stored already and counts none twice;
 * - `inserted`: the new events, each with `first_visit` (ON CONFLICT DO NOTHING: a retried batch adds nothing
 *   twice), so analytics reading raw events count unique visitors from that column, as the rollups do;
 * - the hourly and daily rollups per link (bots apart), the daily rollup per link and dimension value (see
 *   ClickRollupDailyEntity for the values: `(direct)` referrers, `country|region[|city]` places, query-less
 *   referrer URLs), the workspace-wide rollups analytics read (per hour; per dimension value by day and by
 *   hour — rows in key order, so concurrent batches of one workspace lock them in the same order), and the
 *   links' counters and last click time (bots excluded).
 * Batches sharing a link run one after the other (writeInTransaction locks the links first), so a retried
 * batch always sees the first attempt's rows.
 */
const WRITE_BATCH = `
  WITH batch AS (
    SELECT *, (time AT TIME ZONE 'UTC')::date AS day FROM ${BATCH_ROWS}
  ),
  first_visits AS (
    INSERT INTO click_visitors_daily (link_id, workspace_id, day, visitor_hash)
    SELECT DISTINCT link_id, workspace_id, day, visitor_hash FROM batch WHERE NOT is_bot
    ON CONFLICT DO NOTHING
    RETURNING link_id, day, visitor_hash
  ),
  first_clicks AS (
    SELECT DISTINCT ON (batch.link_id, batch.day, batch.visitor_hash) batch.id
      FROM batch JOIN first_visits USING (link_id, day, visitor_hash)
     WHERE NOT batch.is_bot
     ORDER BY batch.link_id, batch.day, batch.visitor_hash, batch.time, batch.id
  ),
  inserted AS (
    INSERT INTO click_events (${EVENT_COLUMNS.map(([name]) => `"${name}"`).join(', ')}, first_visit)
    SELECT ${EVENT_COLUMNS.map(([name]) => `batch.${name}`).join(', ')}, first_clicks.id IS NOT NULL
      FROM batch LEFT JOIN first_clicks USING (id)
    ON CONFLICT DO NOTHING
    RETURNING *
  ),
  counted AS (
    SELECT inserted.*, (time AT TIME ZONE 'UTC')::date AS day FROM inserted
  ),
  hourly AS (
    INSERT INTO link_click_rollups_hourly AS rollup (link_id, workspace_id, hour, clicks, unique_visitors, bot_clicks)
    SELECT link_id, workspace_id, date_trunc('hour', time AT TIME ZONE 'UTC') AT TIME ZONE 'UTC',
           ${ROLLUP_COUNTS}
      FROM counted
     GROUP BY 1, 2, 3
    ON CONFLICT (link_id, hour) DO UPDATE SET ${ADD_COUNTS}
  ),
  dimensioned AS (
    SELECT link_id, workspace_id, day, date_trunc('hour', time AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS hour, dimension,
           left(value, ${MAX_DIMENSION_VALUE_LENGTH}) AS value, is_bot, first_visit
      FROM counted
     CROSS JOIN LATERAL (VALUES ${CLICK_DIMENSION_VALUES}) AS dimensions (dimension, value)
     WHERE value IS NOT NULL AND value <> ''
  ),
  daily AS (
    INSERT INTO click_rollups_daily AS rollup (link_id, workspace_id, day, dimension, value, clicks, unique_visitors, bot_clicks)
    SELECT link_id, workspace_id, day, dimension, value, ${ROLLUP_COUNTS}
      FROM dimensioned
     GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (link_id, day, dimension, value) DO UPDATE SET ${ADD_COUNTS}
  ),
  link_daily AS (
    INSERT INTO link_click_rollups_daily AS rollup (link_id, workspace_id, day, clicks, unique_visitors, bot_clicks)
    SELECT link_id, workspace_id, day, ${ROLLUP_COUNTS}
      FROM counted
     GROUP BY 1, 2, 3
    ON CONFLICT (link_id, day) DO UPDATE SET ${ADD_COUNTS}
  ),
  workspace_hourly AS (
    INSERT INTO workspace_click_rollups_hourly AS rollup (workspace_id, hour, clicks, unique_visitors, bot_clicks)
    SELECT workspace_id, date_trunc('hour', time AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', ${ROLLUP_COUNTS}
      FROM counted
     GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (workspace_id, hour) DO UPDATE SET ${ADD_COUNTS}
  ),
  workspace_dimensions_daily AS (
    INSERT INTO workspace_dimension_rollups_daily AS rollup (workspace_id, dimension, day, value, clicks, unique_visitors, bot_clicks)
    SELECT workspace_id, dimension, day, value, ${ROLLUP_COUNTS}
      FROM dimensioned
     GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (workspace_id, dimension, day, value) DO UPDATE SET ${ADD_COUNTS}
  ),
  workspace_dimensions_hourly AS (
    INSERT INTO workspace_dimension_rollups_hourly AS rollup (workspace_id, dimension, hour, value, clicks, unique_visitors, bot_clicks)
    SELECT workspace_id, dimension, hour, value, ${ROLLUP_COUNTS}
      FROM dimensioned
     GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
    ON CONFLICT (workspace_id, dimension, hour, value) DO UPDATE SET ${ADD_COUNTS}
  ),
  link_totals AS (
    UPDATE links SET clicks = links.clicks + totals.clicks, last_clicked_at = GREATEST(links.last_clicked_at, totals.last_clicked_at)
      FROM (SELECT link_id, count(*) AS clicks, max(time) AS last_clicked_at FROM counted WHERE NOT is_bot GROUP BY link_id) AS totals
     WHERE links.id = totals.link_id
  )
  SELECT count(*)::int AS stored FROM inserted`;
