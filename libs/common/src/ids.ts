import { randomBytes } from 'node:crypto';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Uniform random base62 string (rejection sampling, no modulo bias). */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248) out += BASE62[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

export const ID_PREFIXES = {
  link: 'link',
  apiKey: 'key',
  domain: 'dom',
  folder: 'fld',
  tag: 'tag',
  utmTemplate: 'utm',
  workspace: 'ws',
  user: 'usr',
  session: 'ses',
  click: 'clk',
  event: 'evt',
  customer: 'cus',
  invitation: 'inv',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

/** A prefixed random id such as `link_4f9KQ2xw8ZrT1bNc`: 16 base62 characters, ~95 bits. */
export function newId(kind: IdKind): string {
  return `${ID_PREFIXES[kind]}_${randomBase62(16)}`;
}

