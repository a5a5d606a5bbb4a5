import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { randomBase62 } from '@app/common';
import type { ApiKeyType } from '@app/database';

const KEY_PREFIXES: Record<ApiKeyType, string> = { secret: 'lt_live_', publishable: 'lt_pub_' };
/** `lt_live_` / `lt_test_` (reserved) / `lt_pub_` + 32 base62 characters. */
export const API_KEY_PATTERN = /^lt_(live|test|pub)_[0-9A-Za-z]{32}$/;

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export interface GeneratedKey {
  key: string;
  hash: string;
  prefix: string;
}

/** A new key, its stored hash, and the prefix lists show (`lt_live_a1b2****`). */
export function generateApiKey(type: ApiKeyType): GeneratedKey {
  const key = KEY_PREFIXES[type] + randomBase62(32);
  return { key, hash: sha256Hex(key), prefix: `${key.slice(0, KEY_PREFIXES[type].length + 4)}****` };
}

/** An opaque 256-bit token for cookies. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
