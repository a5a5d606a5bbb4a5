/**
 * Routes of DESIGN.md §8 that the committed openapi.json does not describe yet (analytics, conversions,
 * track), written in openapi-typescript's shape. `ApiPaths` (client.ts) drops every entry the generated
 * schema gains, so once `npm run openapi` brings a route in, its generated types win; then delete it here.
 */

/** Filters and window shared by every analytics route (DESIGN.md §8). */
export interface AnalyticsQuery {
  /** ISO 8601 start of the window. */
  start?: string;
  /** ISO 8601 end of the window. */
  end?: string;
  interval?: 'hour' | 'day' | 'week' | 'month';
  /** IANA time zone the buckets are cut in, e.g. `Europe/Paris`. */
  timezone?: string;
  linkId?: string;
  domain?: string;
  folderId?: string;
  tagId?: string;
  country?: string;
  device?: string;
  browser?: string;
  os?: string;
  referrer?: string;
  utm_source?: string;
  utm_medium?: string;
  utm_campaign?: string;
  utm_term?: string;
  utm_content?: string;
  includeBots?: boolean;
}

/** Until the analytics routes are in openapi.json their answers are typed loosely. */
export type AnalyticsResult = Record<string, unknown>;

export interface ConversionEventsQuery extends AnalyticsQuery {
  limit?: number;
  cursor?: string;
}

export interface ConversionEventPage {
  data: Record<string, unknown>[];
  nextCursor: string | null;
}

/** `POST /api/v1/track/leads` (DESIGN.md §9). */
export interface TrackLeadBody {
  /** The `lt_id` the redirect appended to the destination. */
  clickId: string;
  eventName: string;
  /** Your id of the customer. */
  customerExternalId: string;
  customerName?: string;
  customerEmail?: string;
  /** Idempotency key: a repeat with the same eventId returns the first result and records nothing new. */
  eventId?: string;
  metadata?: Record<string, unknown>;
}

/** `POST /api/v1/track/sales` (DESIGN.md §9). */
export interface TrackSaleBody {
  customerExternalId: string;
  /** Integer amount in minor units (cents). */
  amount: number;
  /** ISO 4217, e.g. `EUR`. */
  currency: string;
  eventName?: string;
  invoiceId?: string;
  /** Idempotency key (see TrackLeadBody.eventId). */
  eventId?: string;
  /** With providerEventId, a second idempotency key (e.g. `stripe` + the Stripe event id). */
  provider?: string;
  providerEventId?: string;
  metadata?: Record<string, unknown>;
}

export type TrackResult = Record<string, unknown>;

interface JsonContent<T> {
  headers: { [name: string]: unknown };
  content: { 'application/json': T };
}

interface GetOperation<Query, Result> {
  parameters: { query?: Query; header?: never; path?: never; cookie?: never };
  requestBody?: never;
  responses: { 200: JsonContent<Result> };
}

interface PostOperation<Body, Result> {
  parameters: { query?: never; header?: never; path?: never; cookie?: never };
  requestBody: { content: { 'application/json': Body } };
  responses: { 200: JsonContent<Result>; 201: JsonContent<Result> };
}

interface NoParameters {
  query?: never;
  header?: never;
  path?: never;
  cookie?: never;
}

type GetPath<Query, Result> = {
  parameters: NoParameters;
  get: GetOperation<Query, Result>;
  put?: never;
  post?: never;
  delete?: never;
  options?: never;
  head?: never;
  patch?: never;
  trace?: never;
};

type PostPath<Body, Result> = Omit<GetPath<never, never>, 'get' | 'post'> & { get?: never; post: PostOperation<Body, Result> };

export interface PendingPaths {
  '/api/v1/conversions/summary': GetPath<AnalyticsQuery, AnalyticsResult>;
  '/api/v1/conversions/events': GetPath<ConversionEventsQuery, ConversionEventPage>;
  '/api/v1/track/leads': PostPath<TrackLeadBody, TrackResult>;
  '/api/v1/track/sales': PostPath<TrackSaleBody, TrackResult>;
}
