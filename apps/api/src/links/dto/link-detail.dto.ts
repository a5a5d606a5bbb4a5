import { LinkDto } from './link.dto';

export class DailyClicksDto {
  /** UTC day, `YYYY-MM-DD`. */
  day: string;
  clicks: number;
  uniqueVisitors: number;
}

export class TopValueDto {
  value: string;
  clicks: number;
}

export class RecentClickDto {
  /** `clk_…` */
  id: string;
  time: string;
  country: string | null;
  city: string | null;
  device: string;
  browser: string | null;
  os: string | null;
  referrer: string | null;
  isBot: boolean;
}

export class LinkDetailDto {
  link: LinkDto;
  /** All time. Clicks and unique visitors exclude bots; unique visitors are counted per UTC day. */
  totals: { clicks: number; uniqueVisitors: number; botClicks: number };
  last7Days: DailyClicksDto[];
  last30Days: DailyClicksDto[];
  /** Last 30 days, most clicked first (up to 10 each). */
  topCountries: TopValueDto[];
  topReferrers: TopValueDto[];
  topDevices: TopValueDto[];
  /** The 20 latest clicks, bots included (flagged). */
  recentClicks: RecentClickDto[];
}
