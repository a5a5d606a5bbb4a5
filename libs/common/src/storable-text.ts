/**
 * Text PostgreSQL refuses or garbles: the NUL character (`invalid byte sequence for encoding "UTF8": 0x00`)
 * and UTF-16 surrogates without their pair (not encodable as UTF-8: the driver would store U+FFFD).
 */
const UNSTORABLE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, 'g');

/** Whether PostgreSQL stores the string as it is (no NUL, no lone surrogate). */
export function isStorableText(value: string): boolean {
  return !UNSTORABLE.test(value);
}

/**
 * A visitor-controlled string made storable: cut to `maxLength` UTF-16 units (never inside a surrogate
 * pair), NUL characters removed, lone surrogates replaced by U+FFFD. Null or undefined gives null.
 */
export function storableText(value: string | null | undefined, maxLength: number): string | null {
  if (value === null || value === undefined) return null;
  let text = value;
  if (text.length > maxLength) {
    const end = isHighSurrogate(text.charCodeAt(maxLength - 1)) ? maxLength - 1 : maxLength;
    text = text.slice(0, end);
  }
  if (!UNSTORABLE.test(text)) return text;
  return text.replace(UNSTORABLE_ALL, (match) => (match === '\0' ? '' : '\uFFFD'));
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
