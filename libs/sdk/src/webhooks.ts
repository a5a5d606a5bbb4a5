/**
 * Verifying LinkTrace webhooks (Standard Webhooks signatures) with the Web Crypto API, so it runs in Node.js 20+,
 * Deno, Bun, edge runtimes and browsers alike.
 */

import type { components } from './schema.js';

type Schemas = components['schemas'];

/**
 * Every event LinkTrace sends, as openapi.json's `x-webhooks` documents them: `switch (event.type)` narrows `data`
 * (a link, a click, a lead or sale, a domain, or the test event's message).
 */
export type WebhookPayload =
  | Schemas['LinkWebhookEventDto']
  | Schemas['ClickWebhookEventDto']
  | Schemas['ConversionWebhookEventDto']
  | Schemas['DomainWebhookEventDto']
  | Schemas['TestWebhookEventDto'];

/** An event as LinkTrace sends it; `data` is the object as the REST API returns it. */
export interface WebhookEvent<Data = unknown> {
  /** The `webhook-id` header: the same on every attempt and replay; use it to ignore duplicates. */
  id: string;
  type: string;
  createdAt: string;
  data: Data;
}

export interface VerifyWebhookOptions {
  /** How far `webhook-timestamp` may be from now, in seconds (default 300); older or newer messages are refused. */
  toleranceSeconds?: number;
  /** The current time (default: now), for tests. */
  now?: Date;
}

export class WebhookVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookVerificationError';
  }
}

type HeaderBag = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const bag = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(bag).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : bag[key];
  return Array.isArray(value) ? value[0] : value;
}

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Constant-time comparison of two strings of the same alphabet. */
function timingSafeEqual(left: string, right: string): boolean {
  if (left.length !== right.length) return false;
  let difference = 0;
  for (let index = 0; index < left.length; index++) difference |= left.charCodeAt(index) ^ right.charCodeAt(index);
  return difference === 0;
}

/**
 * Checks a webhook's `webhook-signature` against `secret` (`whsec_…`) and its timestamp against the tolerance, then
 * returns the parsed event. Pass the body exactly as received (before any JSON parsing). Throws
 * WebhookVerificationError when anything does not match.
 */
export function verifyWebhook(
  secret: string,
  headers: HeaderBag,
  rawBody: string | Uint8Array,
  options?: VerifyWebhookOptions,
): Promise<WebhookPayload>;
/** The same, typing `data` as `Data` (the form before WebhookPayload existed). */
export function verifyWebhook<Data>(
  secret: string,
  headers: HeaderBag,
  rawBody: string | Uint8Array,
  options?: VerifyWebhookOptions,
): Promise<WebhookEvent<Data>>;
export async function verifyWebhook(
  secret: string,
  headers: HeaderBag,
  rawBody: string | Uint8Array,
  options: VerifyWebhookOptions = {},
): Promise<unknown> {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures)
    throw new WebhookVerificationError('Missing webhook-id, webhook-timestamp or webhook-signature');
  const seconds = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || !Number.isSafeInteger(seconds))
    throw new WebhookVerificationError('Invalid webhook-timestamp');
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  const tolerance = options.toleranceSeconds ?? 300;
  if (Math.abs(now - seconds) > tolerance)
    throw new WebhookVerificationError('Message timestamp outside the tolerance');

  const body = typeof rawBody === 'string' ? rawBody : new TextDecoder().decode(rawBody);
  const key = await crypto.subtle.importKey(
    'raw',
    base64ToBytes(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const signed = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${id}.${timestamp}.${body}`));
  const expected = bytesToBase64(new Uint8Array(signed));
  const matches = signatures
    .split(' ')
    .some((entry) => entry.startsWith('v1,') && timingSafeEqual(entry.slice(3), expected));
  if (!matches) throw new WebhookVerificationError('No matching signature');
  return JSON.parse(body);
}
