import { AppException } from './errors/app.exception';

// In a `.dto.ts` file so the OpenAPI plugin documents `limit` and `cursor` on every list route.
export { PageQueryDto } from './page-query.dto';

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** Keyset position: the sort value and id of the last row of a page. */
export interface CursorPosition {
  value: string;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.value, position.id])).toString('base64url');
}

/** What a list is sorted by, which decides what a cursor's value may look like. */
export type CursorKind = 'timestamp' | 'integer';

const CURSOR_VALUE_PATTERNS: Record<CursorKind, RegExp> = {
  // Microseconds, as PostgreSQL stores them: a millisecond value would skip rows created in the same millisecond.
  timestamp: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/,
  integer: /^\d{1,19}$/,
};

/**
 * The position in a `nextCursor`, checked against the list's sort so a forged or foreign cursor is a 400,
 * never a database error.
 */
export function decodeCursor(cursor: string | undefined, kind: CursorKind = 'timestamp'): CursorPosition | null {
  if (!cursor) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (
    Array.isArray(parsed) &&
    parsed.length === 2 &&
    parsed.every((part) => typeof part === 'string' && part.length <= 64)
  ) {
    const [value, id] = parsed as [string, string];
    if (CURSOR_VALUE_PATTERNS[kind].test(value) && (kind !== 'timestamp' || !Number.isNaN(Date.parse(value))))
      return { value, id };
  }
  throw AppException.invalidField('cursor', 'cursor is not a value returned as nextCursor for this list');
}

/** Cuts a page fetched with `limit + 1` rows into data and the next cursor. */
export function toPage<Row, Item>(
  rows: Row[],
  limit: number,
  position: (row: Row) => CursorPosition,
  map: (row: Row) => Item,
): Page<Item> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  return {
    data: pageRows.map(map),
    nextCursor: hasMore ? encodeCursor(position(pageRows[pageRows.length - 1])) : null,
  };
}
