import { Readable } from 'node:stream';
import { StreamableFile } from '@nestjs/common';

export type ExportFormat = 'csv' | 'ndjson';

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

export interface ExportSpec<Row> {
  format: ExportFormat;
  /** File name offered to the browser, without the extension. */
  filename: string;
  /** CSV columns, in order. */
  columns: { name: string; value: (row: Row) => unknown }[];
  /** The NDJSON object of a row. */
  toJson: (row: Row) => unknown;
  /** The rows after `after` (null: the first batch), at most `batchSize`, in export order. */
  fetchBatch: (after: Row | null) => Promise<Row[]>;
  batchSize: number;
}

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
 * Streams rows as CSV (header first) or NDJSON, one keyset batch at a time: however many rows there are,
 * only one batch is in memory; each batch is one short query (no cursor holding a connection, which the
 * embedded database has only one of); a client that disconnects stops the reads.
 */
export function streamExport<Row>(spec: ExportSpec<Row>): StreamableFile {
  const toLine =
    spec.format === 'csv'
      ? (row: Row) => `${spec.columns.map((column) => csvCell(column.value(row))).join(',')}\r\n`
      : (row: Row) => `${JSON.stringify(spec.toJson(row))}\n`;
  async function* lines(): AsyncGenerator<string> {
    if (spec.format === 'csv') yield `${spec.columns.map((column) => column.name).join(',')}\r\n`;
    let after: Row | null = null;
    for (;;) {
      const batch = await spec.fetchBatch(after);
      if (batch.length > 0) yield batch.map(toLine).join('');
      if (batch.length < spec.batchSize) return;
      after = batch[batch.length - 1];
    }
  }
  return new StreamableFile(Readable.from(lines()), {
    type: CONTENT_TYPES[spec.format],
    disposition: `attachment; filename="${spec.filename}.${spec.format}"`,
  });
}
