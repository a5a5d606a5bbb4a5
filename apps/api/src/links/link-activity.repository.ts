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
  /** The A/B test variant's URL; null outside a running test. */
  variant: string | null;
  /** Which of the link's destinations the click used (web, geo, ios, android, app); null before it was recorded. */
  destinationType: string | null;
}

export interface ExportPosition {
  time: string;
  id: string;
}

const EXACT_TIME = `to_char(time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const CLICK_COLUMNS = `id, ${EXACT_TIME} AS time, domain, url, country, region, city, device, browser, os, referrer,
  referrer_domain AS "referrerDomain", utm_source AS "utmSource", utm_medium AS "utmMedium", utm_campaign AS "utmCampaign",
  utm_term AS "utmTerm", utm_content AS "utmContent", is_bot AS "isBot", variant,
  destination_type AS "destinationType"`;

/** Reads of one link's raw clicks: the recent clicks and exports (its figures come from the analytics store). */
@Injectable()
export class LinkActivityRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
