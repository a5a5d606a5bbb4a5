import type { ClickDimension } from '@app/database';
import { ClickEvent, utcDay } from './click-event';
import { BatchRollups, DailyRollup, HourlyRollup, LinkClickTotal, visitorKeyString } from './clicks.repository';

const MAX_VALUE_LENGTH = 500;
const DIRECT = '(direct)';

/**
 * Aggregates a batch into rollup increments. A visitor first seen by this batch counts as unique once,
 * on its earliest click, under that click's dimension values. Bots only add to `botClicks`.
 */
export function buildRollups(events: ClickEvent[], firstVisits: ReadonlySet<string>): BatchRollups {
  const hourly = new Map<string, HourlyRollup>();
  const daily = new Map<string, DailyRollup>();
  const links = new Map<string, LinkClickTotal>();
  const counted = new Set<string>();

  for (const event of [...events].sort((a, b) => a.time.getTime() - b.time.getTime())) {
    const day = utcDay(event.time);
    let unique = false;
    if (!event.isBot) {
      const visitor = visitorKeyString({ linkId: event.linkId, day, visitorHash: event.visitorHash });
      unique = firstVisits.has(visitor) && !counted.has(visitor);
      if (unique) counted.add(visitor);
    }
    const clicks = event.isBot ? 0 : 1;
    const uniqueVisitors = unique ? 1 : 0;
    const botClicks = event.isBot ? 1 : 0;

    const hour = new Date(Math.floor(event.time.getTime() / 3_600_000) * 3_600_000);
    const hourKey = `${event.linkId}|${hour.getTime()}`;
    const hourRow = hourly.get(hourKey) ?? { linkId: event.linkId, workspaceId: event.workspaceId, hour, clicks: 0, uniqueVisitors: 0, botClicks: 0 };
    add(hourRow, clicks, uniqueVisitors, botClicks);
    hourly.set(hourKey, hourRow);

    for (const [dimension, value] of dimensionValues(event)) {
      const dayKey = `${event.linkId}|${day}|${dimension}|${value}`;
      const dayRow = daily.get(dayKey) ?? { linkId: event.linkId, workspaceId: event.workspaceId, day, dimension, value, clicks: 0, uniqueVisitors: 0, botClicks: 0 };
      add(dayRow, clicks, uniqueVisitors, botClicks);
      daily.set(dayKey, dayRow);
    }

    if (!event.isBot) {
      const total = links.get(event.linkId) ?? { linkId: event.linkId, clicks: 0, lastClickedAt: event.time };
      total.clicks += 1;
      if (event.time > total.lastClickedAt) total.lastClickedAt = event.time;
      links.set(event.linkId, total);
    }
  }
  return { hourly: [...hourly.values()], daily: [...daily.values()], links: [...links.values()] };
}

function add(row: { clicks: number; uniqueVisitors: number; botClicks: number }, clicks: number, uniqueVisitors: number, botClicks: number): void {
  row.clicks += clicks;
  row.uniqueVisitors += uniqueVisitors;
  row.botClicks += botClicks;
}

/**
 * The value of each dimension for one click (see ClickRollupDailyEntity). Values are capped in length:
 * they are part of a primary key. `referrer_url` drops the query string and fragment, which are mostly
 * per-visit tokens; the raw event keeps the full referrer.
 */
export function dimensionValues(event: ClickEvent): [ClickDimension, string][] {
  const values: [ClickDimension, string | null][] = [
    ['country', event.country],
    ['region', event.country && event.region ? `${event.country}|${event.region}` : null],
    ['city', event.country && event.city ? `${event.country}|${event.region ?? ''}|${event.city}` : null],
    ['device', event.device],
    ['browser', event.browser],
    ['os', event.os],
    ['referrer', event.referrerDomain ?? (event.referrer ? '(unknown)' : DIRECT)],
    ['referrer_url', event.referrer ? referrerPage(event.referrer) : DIRECT],
    ['utm_source', event.utmSource],
    ['utm_medium', event.utmMedium],
    ['utm_campaign', event.utmCampaign],
    ['utm_term', event.utmTerm],
    ['utm_content', event.utmContent],
  ];
  return values.filter((entry): entry is [ClickDimension, string] => entry[1] !== null && entry[1] !== '').map(([dimension, value]) => [dimension, value.slice(0, MAX_VALUE_LENGTH)]);
}

function referrerPage(referrer: string): string {
  const end = referrer.search(/[?#]/);
  return end < 0 ? referrer : referrer.slice(0, end);
}
