/**
 * Query-string surgery on destination URLs. Parameters are replaced by key on the raw query string,
 * so the parameters left alone keep their exact encoding (a URL object would re-encode all of them).
 */

/** The query string of a request URL without the `?`, or '' when it has none. */
export function rawQueryOf(requestUrl: string): string {
  const mark = requestUrl.indexOf('?');
  return mark < 0 ? '' : requestUrl.slice(mark + 1);
}

/** `key=value` pairs of a raw query string, still encoded; empty pairs dropped. */
export function splitQuery(rawQuery: string): string[] {
  if (rawQuery === '') return [];
  return rawQuery.split('&').filter((pair) => pair !== '');
}

export function encodePair(key: string, value: string): string {
  return `${encodeURIComponent(key)}=${encodeURIComponent(value)}`;
}

function pairKey(pair: string): string {
  const equals = pair.indexOf('=');
  const raw = equals < 0 ? pair : pair.slice(0, equals);
  if (!raw.includes('%') && !raw.includes('+')) return raw;
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/**
 * `url` with `pairs` (encoded `key=value`) added; parameters of the URL with one of their keys are
 * removed first, so the pairs win. Repeated keys among `pairs` are all kept. The fragment stays last.
 */
export function mergeQuery(url: string, pairs: readonly string[]): string {
  if (pairs.length === 0) return url;
  const hash = url.indexOf('#');
  const fragment = hash < 0 ? '' : url.slice(hash);
  const withoutFragment = hash < 0 ? url : url.slice(0, hash);
  const mark = withoutFragment.indexOf('?');
  const base = mark < 0 ? withoutFragment : withoutFragment.slice(0, mark);
  const existing = mark < 0 ? [] : splitQuery(withoutFragment.slice(mark + 1));
  const replaced = new Set(pairs.map(pairKey));
  const kept = existing.filter((pair) => !replaced.has(pairKey(pair)));
  return `${base}?${kept.concat(pairs).join('&')}${fragment}`;
}

export interface UtmValues {
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_term: string | null;
  utm_content: string | null;
}

/** The link's UTM values as encoded pairs, in the conventional order, skipping empty ones. */
export function utmPairs(utm: UtmValues): string[] {
  const pairs: string[] = [];
  for (const key of ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'] as const) {
    const value = utm[key];
    if (value) pairs.push(encodePair(key, value));
  }
  return pairs;
}

const IOS_DEVICE = /\b(?:iPhone|iPad|iPod)\b/;
const ANDROID_DEVICE = /\bAndroid\b/;

export type TargetedDevice = 'ios' | 'android' | null;

/** iOS or Android from the user agent (iPadOS in desktop mode says Macintosh and cannot be told apart). */
export function targetedDevice(userAgent: string | undefined): TargetedDevice {
  if (!userAgent) return null;
  if (IOS_DEVICE.test(userAgent)) return 'ios';
  if (ANDROID_DEVICE.test(userAgent)) return 'android';
  return null;
}

// Node refuses header values with characters outside printable ASCII; a destination stored with raw
// Unicode or spaces is percent-encoded (as a browser would) rather than failing the redirect.
const UNSAFE_IN_HEADER = /[^\x21-\x7e]/;

/** The URL, usable as a Location header. */
export function asHeaderValue(url: string): string {
  return UNSAFE_IN_HEADER.test(url) ? url.replace(/[^\x21-\x7e]+/g, (run) => encodeURIComponent(run)) : url;
}
