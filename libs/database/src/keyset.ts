import type { CursorKind, CursorPosition } from '@app/common';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

export interface KeysetOptions {
  /** The sort column, e.g. `link.created_at`. */
  column: string;
  /** The tie-breaking unique column, e.g. `link.id`. */
  idColumn: string;
  direction: 'ASC' | 'DESC';
  kind: CursorKind;
  after: CursorPosition | null;
  limit: number;
}

export interface Positioned<Entity> {
  entity: Entity;
  position: CursorPosition;
}

const CURSOR_SELECT = 'keyset_cursor_value';

/**
 * Keyset pagination, the one way lists page: order by (column, id), keep the rows after the cursor, and
 * read each row's cursor value from SQL exactly — a timestamp to the microsecond (a JavaScript Date keeps
 * only milliseconds and would skip rows created in the same millisecond).
 */
export async function findPage<Entity extends ObjectLiteral>(
  query: SelectQueryBuilder<Entity>,
  options: KeysetOptions,
): Promise<Positioned<Entity>[]> {
  const exactValue =
    options.kind === 'timestamp'
      ? `to_char(${options.column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`
      : `CAST(${options.column} AS text)`;
  query
    .addSelect(exactValue, CURSOR_SELECT)
    .orderBy(options.column, options.direction)
    .addOrderBy(options.idColumn, options.direction)
    .limit(options.limit);
  if (options.after) {
    const comparison = options.direction === 'DESC' ? '<' : '>';
    const valueType = options.kind === 'timestamp' ? 'timestamptz' : 'bigint';
    query.andWhere(
      `(${options.column}, ${options.idColumn}) ${comparison} (CAST(:keysetValue AS ${valueType}), :keysetId)`,
      {
        keysetValue: options.after.value,
        keysetId: options.after.id,
      },
    );
  }
  const { entities, raw } = await query.getRawAndEntities<Record<string, string>>();
  const valueById = new Map(raw.map((row) => [String(row[`${query.alias}_id`]), row[CURSOR_SELECT]]));
  return entities.map((entity) => ({
    entity,
    position: { value: valueById.get(String(entity.id))!, id: String(entity.id) },
  }));
}

/** `%`, `_` and `\\` in a search are literal characters, not wildcards. */
export function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}
