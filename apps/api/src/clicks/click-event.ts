/**
 * What the redirect knows about a click. It stays in this process's memory only until its batch is
 * enriched: the IP is hashed then and never stored.
 */
export interface ClickInput {
  clickId: string;
  /** Epoch milliseconds. */
  time: number;
  workspaceId: string;
  linkId: string;
  domain: string;
  /** Where the visitor was sent. */
  url: string;
  ip: string;
  userAgent: string | undefined;
  referrer: string | undefined;
  /** HEAD requests are never a person following a link. */
  head: boolean;
  /** The URL of the A/B test variant the visitor was sent to; absent or null outside a running test. */
  variant?: string | null;
  /** Which of the link's destinations the visitor was sent to; absent from clicks recorded before it was. */
  destinationType?: DestinationType;
}

/**
 * Which destination a click used: `web` the link's URL (or its A/B variant), `geo` a country's, `ios` / `android` the
 * device's web or universal link (a 302), `app` the device's app URL (the page that opens the app).
 */
export type DestinationType = 'web' | 'geo' | 'ios' | 'android' | 'app';

export type Device = 'desktop' | 'mobile' | 'tablet' | 'bot' | 'other';

/** A click ready to store: located, classified, the visitor reduced to a daily salted hash. */
export interface ClickEvent {
  id: string;
  time: Date;
  workspaceId: string;
  linkId: string;
  domain: string;
  url: string;
  visitorHash: string;
  country: string | null;
  region: string | null;
  city: string | null;
  device: Device;
  browser: string | null;
  os: string | null;
  /**
   * Not stored (click_events has no such column) and left out of enriched events: each click's header string would
   * stay alive, and be promoted to the old space, until its batch is written. Optional for older click-stream entries.
   */
  userAgent?: string | null;
  referrer: string | null;
  referrerDomain: string | null;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  utmTerm: string | null;
  utmContent: string | null;
  isBot: boolean;
  /** The A/B test variant's URL (ClickInput.variant); absent from batches an earlier version left in the click stream. */
  variant?: string | null;
  /** ClickInput.destinationType; absent from batches an earlier version left in the click stream. */
  destinationType?: DestinationType | null;
}

const DAY_MS = 86_400_000;
// Every click of a batch asks for its day, several times: remember the last answer.
let lastDayNumber = Number.NaN;
let lastDay = '';

/** UTC day of an instant, `YYYY-MM-DD`. */
export function utcDay(time: Date | number): string {
  const dayNumber = Math.floor((typeof time === 'number' ? time : time.getTime()) / DAY_MS);
  if (dayNumber !== lastDayNumber) {
    lastDay = new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
    lastDayNumber = dayNumber;
  }
  return lastDay;
}
