import { AppException, ErrorCode } from '@app/common';
import type { ImportRow, LinkImportFormat } from '@app/database';
import { HttpStatus } from '@nestjs/common';

/**
 * The CSV exports an import reads, by their header row (case-insensitive): the column holding the destination
 * (required), and how the other columns map to a link. A short URL of another platform gives the slug (its path)
 * and the domain (its host); see docs/API.md "Importing links".
 */
interface FormatSpec {
  /** The destination URL column; also what detects the format. */
  urlColumn: string;
  /** Columns besides the URL column that, all present, tell this format from the others. */
  alsoDetectedBy: string[];
  toRow: (cell: (column: string) => string | null) => Omit<ImportRow, 'url'>;
}

const FORMATS: Record<LinkImportFormat, FormatSpec> = {
  linktrace: {
    urlColumn: 'url',
    alsoDetectedBy: [],
    toRow: (cell) => ({
      slug: cell('slug'),
      domain: cell('domain'),
      title: cell('title'),
      tags: splitList(cell('tags')),
      folder: cell('folder'),
      externalId: cell('externalid'),
      createdAt: cell('createdat'),
    }),
  },
  // Bitly's links export: link (bit.ly/…), long_url, title, created_at, tags, custom_bitlinks, …
  bitly: {
    urlColumn: 'long_url',
    alsoDetectedBy: [],
    toRow: (cell) => ({
      ...shortUrlParts(firstOf(splitList(cell('custom_bitlinks'))) ?? cell('link') ?? cell('id')),
      title: cell('title'),
      tags: splitList(cell('tags')),
      folder: null,
      externalId: null,
      createdAt: cell('created_at'),
    }),
  },
  // Rebrandly's links export: id, title, slashtag, destination, shortUrl, domain, createdAt, tags, …
  rebrandly: {
    urlColumn: 'destination',
    alsoDetectedBy: ['slashtag'],
    toRow: (cell) => {
      const parts = shortUrlParts(cell('shorturl'));
      return {
        slug: cell('slashtag') ?? parts.slug,
        domain: cell('domain') ?? cell('domain.fullname') ?? parts.domain,
        title: cell('title'),
        tags: splitList(cell('tags')),
        folder: null,
        externalId: null,
        createdAt: cell('createdat'),
      };
    },
  },
  // Short.io's links export: idString, originalURL, shortURL, path, title, tags, createdAt, …
  shortio: {
    urlColumn: 'originalurl',
    alsoDetectedBy: [],
    toRow: (cell) => {
      const parts = shortUrlParts(cell('shorturl'));
      return {
        slug: cell('path') ?? parts.slug,
        domain: parts.domain,
        title: cell('title'),
        tags: splitList(cell('tags')),
        folder: null,
        externalId: null,
        createdAt: cell('createdat'),
      };
    },
  },
};

export const IMPORT_FORMATS = Object.keys(FORMATS) as LinkImportFormat[];

/** Reads data rows by the header row; `format` when the caller named it, else detected from the header. */
export class ImportRowReader {
  readonly format: LinkImportFormat;
  private readonly columns: Map<string, number>;
  private readonly spec: FormatSpec;

  constructor(header: string[], format: LinkImportFormat | undefined) {
    this.columns = new Map(header.map((name, index) => [name.trim().toLowerCase(), index]));
    const detected = format ?? IMPORT_FORMATS.find((name) => this.matches(FORMATS[name]));
    if (!detected)
      throw invalidCsv(
        `Unknown CSV format: the header row (row 0) has none of the columns ${IMPORT_FORMATS.map((name) => `"${FORMATS[name].urlColumn}"`).join(', ')}; send a Bitly, Rebrandly, Short.io or LinkTrace export, or name the format`,
      );
    this.format = detected;
    this.spec = FORMATS[detected];
    if (!this.columns.has(this.spec.urlColumn))
      throw invalidCsv(`The header row (row 0) has no "${this.spec.urlColumn}" column, which a ${detected} export has`);
  }

  read(record: string[]): ImportRow {
    const cell = (column: string): string | null => {
      const index = this.columns.get(column);
      const value = index === undefined ? undefined : record[index]?.trim();
      return value ? value : null;
    };
    return { url: cell(this.spec.urlColumn) ?? '', ...this.spec.toRow(cell) };
  }

  private matches(spec: FormatSpec): boolean {
    return [spec.urlColumn, ...spec.alsoDetectedBy].every((column) => this.columns.has(column));
  }
}

export function invalidCsv(message: string): AppException {
  return new AppException(HttpStatus.BAD_REQUEST, ErrorCode.invalidCsv, message);
}

/** `a, b` or `a|b` or `a;b`: tag lists of the exports, and Bitly's custom back-halves. */
function splitList(value: string | null): string[] {
  return (value ?? '')
    .split(/[,|;]/)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

function firstOf(values: string[]): string | null {
  return values[0] ?? null;
}

/** `bit.ly/abc` or `https://rebrand.ly/abc` → domain `bit.ly`, slug `abc` (nulls when absent or unreadable). */
function shortUrlParts(shortUrl: string | null): { domain: string | null; slug: string | null } {
  if (!shortUrl) return { domain: null, slug: null };
  try {
    const url = new URL(/^https?:\/\//i.test(shortUrl) ? shortUrl : `https://${shortUrl}`);
    const slug = decodeURIComponent(url.pathname.replace(/^\//, ''));
    return { domain: url.hostname, slug: slug || null };
  } catch {
    return { domain: null, slug: null };
  }
}
