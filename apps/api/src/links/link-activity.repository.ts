import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface DayCount {
  day: string;
  clicks: number;
  uniqueVisitors: number;
}

export interface ValueCount {
  value: string;
  clicks: number;
}

export interface ClickTotals {
  clicks: number;
  uniqueVisitors: number;
  botClicks: number;
}

/** A raw click as exports and the "recent clicks" list show it; `cursor` is its exact (time, id) position. */
export interface ClickRow {
  id: string;
  time: string;
  domain: string;
  url: string;
  country: string | null;
  region: string | null;
  city: string | null;
  device: string;
  browser: string | null;
  os: string | null;
  referrer: string | null;
  referrerDomain: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmTerm: string | null;
  utmContent: string | null;
  isBot: boolean;
}

export interface ExportPosition {
  time: string;
  id: string;
}

const EXACT_TIME = `to_char(time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const CLICK_COLUMNS = `id, ${EXACT_TIME} AS time, domain, url, country, region, city, device, browser, os, referrer,
  referrer_domain AS "referrerDomain", utm_source AS "utmSource", utm_medium AS "utmMedium", utm_campaign AS "utmCampaign",
  utm_term AS "utmTerm", utm_content AS "utmContent", is_bot AS "isBot"`;

/** Reads of one link's clicks: totals and series from the rollups, recent clicks and exports from the raw events. */
@Injectable()
export class LinkActivityRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async totals(linkId: string): Promise<ClickTotals> {
    const [row] = await this.dataSource.query(
      `SELECT coalesce(sum(clicks), 0)::bigint AS clicks, coalesce(sum(unique_visitors), 0)::bigint AS "uniqueVisitors",
              coalesce(sum(bot_clicks), 0)::bigint AS "botClicks"
         FROM link_click_rollups_hourly WHERE link_id = $1`,
      [linkId],
    );
    return { clicks: Number(row.clicks), uniqueVisitors: Number(row.uniqueVisitors), botClicks: Number(row.botClicks) };
  }

  /** Clicks per UTC day over the last `days` days (today included), zero-filled. */
  async dailySeries(linkId: string, days: number): Promise<DayCount[]> {
    const rows: { day: string; clicks: string; uniqueVisitors: string }[] = await this.dataSource.query(
      `SELECT to_char(series.day, 'YYYY-MM-DD') AS day, coalesce(sum(rollup.clicks), 0) AS clicks,
              coalesce(sum(rollup.unique_visitors), 0) AS "uniqueVisitors"
         FROM generate_series((now() AT TIME ZONE 'UTC')::date - ($2::int - 1), (now() AT TIME ZONE 'UTC')::date, interval '1 day') AS series(day)
         LEFT JOIN link_click_rollups_hourly rollup
           ON rollup.link_id = $1 AND rollup.hour >= series.day AT TIME ZONE 'UTC' AND rollup.hour < (series.day + interval '1 day') AT TIME ZONE 'UTC'
        GROUP BY series.day ORDER BY series.day`,
      [linkId, days],
    );
    return rows.map((row) => ({
      day: row.day,
      clicks: Number(row.clicks),
      uniqueVisitors: Number(row.uniqueVisitors),
    }));
  }

  /** The most clicked values of a dimension over the last `days` UTC days. */
  async topValues(linkId: string, dimension: string, days: number, limit: number): Promise<ValueCount[]> {
    const rows: { value: string; clicks: string }[] = await this.dataSource.query(
      `SELECT value, sum(clicks) AS clicks FROM click_rollups_daily
        WHERE link_id = $1 AND dimension = $2 AND day > (now() AT TIME ZONE 'UTC')::date - $3::int
        GROUP BY value HAVING sum(clicks) > 0 ORDER BY sum(clicks) DESC, value LIMIT $4`,
      [linkId, dimension, days, limit],
    );
    return rows.map((row) => ({ value: row.value, clicks: Number(row.clicks) }));
  }

  recentClicks(linkId: string, limit: number): Promise<ClickRow[]> {
    return this.dataSource.query(
      `SELECT ${CLICK_COLUMNS} FROM click_events WHERE link_id = $1 ORDER BY time DESC, id DESC LIMIT $2`,
      [linkId, limit],
    );
  }

  /** One batch of an export, in (time, id) order after `after`: exports page through the index, never loading all rows. */
  exportBatch(
    linkId: string,
    range: { start: Date | null; end: Date | null },
    after: ExportPosition | null,
    limit: number,
  ): Promise<ClickRow[]> {
    return this.dataSource.query(
      `SELECT ${CLICK_COLUMNS} FROM click_events
        WHERE link_id = $1 AND ($2::timestamptz IS NULL OR time >= $2) AND ($3::timestamptz IS NULL OR time < $3)
          AND ($4::timestamptz IS NULL OR (time, id) > ($4::timestamptz, $5::varchar))
        ORDER BY time, id LIMIT $6`,
      [linkId, range.start, range.end, after?.time ?? null, after?.id ?? null, limit],
    );
  }
}
