export class RealtimeMinuteDto {
  /** Start of the minute (UTC). */
  start: string;
  /** Clicks in that minute, bots excluded. */
  clicks: number;
}

export class RealtimeClickDto {
  /** When the click happened (UTC, to the microsecond). */
  time: string;
  linkId: string;
  /** The short link clicked, `domain/slug`. */
  link: string;
  /** ISO 3166-1 alpha-2, or null when unknown. */
  country: string | null;
  city: string | null;
  device: string;
  browser: string | null;
  /** The referrer's domain; null for a direct click. */
  referrer: string | null;
}

export class AnalyticsRealtimeDto {
  /** The 30 minutes shown: `end` is the start of the next minute, so the current minute is the last bucket. */
  start: string;
  end: string;
  /** `clicks` of the window. */
  clicks: number;
  /** Every minute of the window, oldest first, empty ones with zero. */
  minutes: RealtimeMinuteDto[];
  /** The latest 20 clicks of the window, newest first. */
  latest: RealtimeClickDto[];
}
