const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const number = new Intl.NumberFormat();

export function formatDateTime(value: string | null | undefined, empty = '—'): string {
  return value ? dateTime.format(new Date(value)) : empty;
}

export function formatDate(value: string | null | undefined, empty = '—'): string {
  return value ? date.format(new Date(value)) : empty;
}

export function formatNumber(value: number): string {
  return number.format(value);
}

/** "3 minutes ago", for recent times; the full date beyond a week. */
export function formatRelative(value: string | null | undefined, empty = 'Never'): string {
  if (!value) return empty;
  const seconds = Math.round((Date.now() - new Date(value).getTime()) / 1000);
  if (seconds < 60) return 'Just now';
  const units: [number, Intl.RelativeTimeFormatUnit][] = [
    [3600, 'minute'],
    [86_400, 'hour'],
    [604_800, 'day'],
  ];
  const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  let divisor = 60;
  for (const [limit, unit] of units) {
    if (seconds < limit) return relative.format(-Math.floor(seconds / divisor), unit);
    divisor = limit;
  }
  return formatDateTime(value);
}

/** An ISO time as the value of a datetime-local input (local time, minutes). */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}
