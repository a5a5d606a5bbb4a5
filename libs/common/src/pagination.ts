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

export function decodeCursor(cursor: string | undefined): CursorPosition | null {
  if (!cursor) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((part) => typeof part === 'string')) {
      return { value: parsed[0], id: parsed[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw AppException.invalidField('cursor', 'cursor is not a value returned as nextCursor');
}

/** Cuts a page fetched with `limit + 1` rows into data and the next cursor. */
export function toPage<Row, Item>(rows: Row[], limit: number, position: (row: Row) => CursorPosition, map: (row: Row) => Item): Page<Item> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  return {
    data: pageRows.map(map),
    nextCursor: hasMore ? encodeCursor(position(pageRows[pageRows.length - 1])) : null,
  };
}
