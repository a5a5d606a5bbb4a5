import { Readable } from 'node:stream';

export type ExportFormat = 'csv' | 'ndjson';

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

/**
 * A CSV cell (RFC 4180 quoting). A text starting with `=`, `+`, `-`, `@`, tab or carriage return gets a
 * leading `'`, so a spreadsheet opening the export never runs it as a formula.
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Streams rows as CSV (header first) or NDJSON, fetching `batchSize` rows at a time after the last one
 * sent: however many rows there are, only one batch is in memory, and a client that disconnects stops
 * the reads.
 */
export function streamExport<Row extends object>(
  format: ExportFormat,
  columns: (keyof Row & string)[],
  fetchBatch: (after: Row | null) => Promise<Row[]>,
  batchSize: number,
): Readable {
  async function* lines(): AsyncGenerator<string> {
    if (format === 'csv') yield `${columns.join(',')}\r\n`;
    let after: Row | null = null;
    for (;;) {
      const batch = await fetchBatch(after);
      if (batch.length > 0) {
        yield batch
          .map((row) =>
            format === 'csv'
              ? `${columns.map((column) => csvCell(row[column])).join(',')}\r\n`
              : `${JSON.stringify(Object.fromEntries(columns.map((column) => [column, row[column] ?? null])))}\n`,
          )
          .join('');
      }
      if (batch.length < batchSize) return;
      after = batch[batch.length - 1];
    }
  }
  return Readable.from(lines(), { objectMode: false });
}
