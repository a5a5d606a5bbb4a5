import { pipeline } from 'node:stream/promises';
import '@fastify/multipart';
import { HttpStatus } from '@nestjs/common';
import { parse, CsvError } from 'csv-parse';
import type { FastifyRequest } from 'fastify';
import { AppException, ErrorCode } from '@app/common';
import { invalidCsv } from './import-formats';

export const MAX_IMPORT_FILE_BYTES = 50 * 1024 * 1024;
/** Room for the form fields and part headers around the file. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/** A CSV file of `POST /imports`, parsed, and the form fields sent with it. */
export interface ImportUpload {
  fields: Record<string, string>;
  fileName: string | null;
  header: string[];
  records: string[][];
}

/**
 * Reads the multipart body: the form fields (before or after the file) and the one file, parsed as CSV while it
 * streams in (csv-parse). Over 50 MB: 413; not CSV that parses: 400 invalid_csv naming the row.
 */
export async function readImportUpload(request: FastifyRequest): Promise<ImportUpload> {
  if (!request.isMultipart())
    throw new AppException(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      ErrorCode.unsupportedMediaType,
      'Send the CSV file as multipart/form-data, in a field named "file"',
    );
  // A declared size over the limit is refused before reading; a body without one is cut at the limit as it streams.
  if (Number(request.headers['content-length']) > MAX_IMPORT_FILE_BYTES + MULTIPART_OVERHEAD_BYTES) throw tooLarge();
  const fields: Record<string, string> = {};
  let file: { name: string | null; records: string[][] } | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value);
        continue;
      }
      if (part.fieldname !== 'file' || file) {
        part.file.resume();
        throw AppException.invalidField(part.fieldname, 'Send one CSV file, in a field named "file"');
      }
      file = { name: part.filename || null, records: await parseCsv(part.file) };
    }
  } catch (error) {
    throw asUploadError(error);
  }
  if (!file) throw AppException.invalidField('file', 'Send the CSV file in a field named "file"');
  const [header, ...records] = file.records;
  if (!header) throw invalidCsv('The file is empty: a CSV file starts with a header row');
  return { fields, fileName: file.name, header, records };
}

async function parseCsv(stream: NodeJS.ReadableStream): Promise<string[][]> {
  const parser = parse({ bom: true, skip_empty_lines: true });
  const records: string[][] = [];
  const reading = (async () => {
    for await (const record of parser) records.push(record as string[]);
  })();
  await Promise.all([pipeline(stream, parser), reading]);
  return records;
}

function asUploadError(error: unknown): unknown {
  if (error instanceof CsvError) {
    // `records` counts the rows read before the failing one, the header included: the failing row's number.
    const { records, lines } = error as CsvError & { records?: number; lines?: number };
    const where = records === undefined ? '' : `Row ${records} (line ${lines ?? '?'}): `;
    return invalidCsv(`${where}${error.message}`);
  }
  const code = (error as { code?: string } | null)?.code;
  if (code === 'FST_REQ_FILE_TOO_LARGE' || code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') return tooLarge();
  return error;
}

function tooLarge(): AppException {
  return new AppException(
    HttpStatus.PAYLOAD_TOO_LARGE,
    ErrorCode.payloadTooLarge,
    `The file is over ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB, or more than one file was sent`,
  );
}
