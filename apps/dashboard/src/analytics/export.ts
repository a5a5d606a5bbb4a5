import type { Row } from './bar-list';

/** A CSV field: quoted when it holds a comma, quote or line break; a leading = + - @ is defused (spreadsheet formulas). */
function field(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The rows every panel shows, one CSV line each, under the panel and list they come from. */
export function panelsCsv(tables: Map<string, Row[]>): Blob {
  const lines = [['list', 'value', 'name', 'clicks', 'unique_visitors', 'leads', 'sales', 'revenue'].join(',')];
  for (const [list, rows] of tables)
    for (const row of rows)
      lines.push(
        [
          list,
          row.value,
          row.label ?? '',
          row.clicks,
          row.uniqueVisitors,
          row.leads,
          row.sales,
          row.revenue.map((entry) => `${(entry.amount / 100).toFixed(2)} ${entry.currency}`).join(' + '),
        ]
          .map(field)
          .join(','),
      );
  return new Blob([`${lines.join('\r\n')}\r\n`], { type: 'text/csv;charset=utf-8' });
}

/** Saves a file the page made (an <a download> on an object URL: no request leaves the browser). */
export function downloadBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
