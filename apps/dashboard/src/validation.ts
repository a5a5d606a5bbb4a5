/** Client-side checks mirror the API's rules, so most mistakes are caught before a request is sent. */
export type Errors = Record<string, string>;

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      url.hostname.length > 0 &&
      !url.username &&
      !url.password
    );
  } catch {
    return false;
  }
}

export const SLUG_PATTERN = /^[A-Za-z0-9_-]{1,190}$/;
/** A host name such as go.example.com: letters, digits and hyphens in dot-separated labels. */
export const HOSTNAME_PATTERN =
  /^(?=.{1,253}$)([a-z0-9\u00a1-\uffff]([a-z0-9\u00a1-\uffff-]{0,61}[a-z0-9\u00a1-\uffff])?\.)+[a-z\u00a1-\uffff]{2,}$/i;

export function required(errors: Errors, field: string, value: string, label: string): void {
  if (!value.trim()) errors[field] = `${label} is required`;
}

export function url(errors: Errors, field: string, value: string, label: string): void {
  if (value.trim() && !isHttpUrl(value.trim())) errors[field] = `${label} must be a full http:// or https:// address`;
}

/** Schemes an iOS or Android destination may never use (the API's list): they run code or read local data. */
const REFUSED_APP_SCHEMES =
  /^(?:javascript|vbscript|data|file|blob|about|filesystem|content|chrome|view-source|intent|jar|resource|ws|wss|ftp):/i;

/** An iOS or Android destination: an http(s) address, or an app URL of a custom scheme such as myapp://path. */
export function deviceUrl(errors: Errors, field: string, value: string, label: string): void {
  const trimmed = value.trim();
  if (!trimmed || isHttpUrl(trimmed)) return;
  if (/^https?:/i.test(trimmed) || !/^[a-z][a-z0-9+.-]{1,31}:\S+$/i.test(trimmed) || REFUSED_APP_SCHEMES.test(trimmed))
    errors[field] = `${label} must be an http(s) address or an app URL such as myapp://path`;
}

export function maxLength(errors: Errors, field: string, value: string, limit: number, label: string): void {
  if (value.length > limit) errors[field] = `${label} must be at most ${limit} characters`;
}

export function hasErrors(errors: Errors): boolean {
  return Object.keys(errors).length > 0;
}
