import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool, PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { SOURCE_COLUMNS } from '../dimensions';

/** A click event as PostgreSQL holds it: the columns the projection copies (dimension values are derived in DuckDB). */
export interface SourceClick {
  seq: string;
  /** Microseconds since the epoch. */
  micros: string;
  workspace_id: string;
  link_id: string;
  is_bot: boolean;
  /** The visitor hash as a 64-bit number (VISITOR). */
  visitor: string;
  [column: string]: string | boolean | null;
}

/** The copied columns, in order (the CSV of `copyRange` has no header; its time is UTC, without zone). */
export const SOURCE = ['seq', 'time', 'workspace_id', 'link_id', 'is_bot', 'visitor', ...SOURCE_COLUMNS] as const;

/**
 * The visitor as the store keeps it: 64 bits of a hash of the visitor hash (PostgreSQL's hash-partitioning function,
 * stable across versions), 8 bytes a click instead of 64 characters. Unique visitors are counted per link and day,
 * where two visitors sharing 64 bits is vanishingly unlikely.
 */
const VISITOR = 'hashtextextended(visitor_hash, 0)';
const SELECT = `SELECT seq::text AS seq, (extract(epoch FROM time) * 1000000)::bigint::text AS micros, workspace_id, link_id,
  is_bot, ${VISITOR}::text AS visitor, ${SOURCE_COLUMNS.map((column) => `"${column}"`).join(', ')} FROM click_events`;
const COPY_SELECT = `SELECT seq, time AT TIME ZONE 'UTC', workspace_id, link_id, is_bot, ${VISITOR},
  ${SOURCE_COLUMNS.map((column) => `"${column}"`).join(', ')} FROM click_events`;

/**
 * The projection's reads of PostgreSQL's click_events, by sequence number (click_events_seq_idx). Ranges of
 * events are copied as CSV into a file (COPY … TO STDOUT, streamed: the rows never become JavaScript values) that
 * DuckDB loads itself, from a PostgreSQL server as from the embedded PGlite (whose thread streams the COPY's
 * output as a server would).
 */
@Injectable()
export class AnalyticsProjectionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The events of the given sequence numbers that exist now. */
  some(seqs: bigint[]): Promise<SourceClick[]> {
    return this.dataSource.query(`${SELECT} WHERE seq = ANY($1::bigint[]) ORDER BY click_events.seq`, [
      seqs.map(String),
    ]);
  }

  /** The highest sequence number held, and the lowest above `after` (null: none). */
  async bounds(after: bigint): Promise<{ first: bigint | null; last: bigint | null }> {
    const [row] = await this.dataSource.query(
      `SELECT (SELECT seq FROM click_events WHERE seq > $1 ORDER BY seq LIMIT 1)::text AS first,
              (SELECT seq FROM click_events ORDER BY seq DESC LIMIT 1)::text AS last`,
      [after.toString()],
    );
    return { first: row.first === null ? null : BigInt(row.first), last: row.last === null ? null : BigInt(row.last) };
  }

  /**
   * Writes the events of sequence numbers (after, upTo] to `file` as CSV (columns SOURCE; PostgreSQL quotes an
   * empty string and leaves a NULL bare, so the two stay apart), streamed; resolves with the number of rows.
   */
  async copyRange(after: bigint, upTo: bigint, file: string): Promise<number> {
    const pool = (this.dataSource.driver as PostgresDriver).master as Pool;
    const client: PoolClient = await pool.connect();
    // A checked-out client has no error listener of the pool's: a server that ends the connection (a restart,
    // pg_terminate_backend) would make it emit an unhandled 'error' and end the process. The failed client leaves
    // the pool.
    let failure: Error | undefined;
    const onError = (error: Error) => (failure ??= error);
    client.on('error', onError);
    try {
      // COPY takes no parameters: the bounds are bigints, written as numbers.
      const stream = client.query(
        copyTo(
          `COPY (${COPY_SELECT} WHERE seq > ${after.toString()} AND seq <= ${upTo.toString()}) TO STDOUT WITH (FORMAT csv)`,
        ),
      );
      await pipeline(stream, createWriteStream(file));
      return stream.rowCount ?? 0;
    } catch (error) {
      failure ??= error as Error;
      throw error;
    } finally {
      client.off('error', onError);
      client.release(failure);
    }
  }

  /** Whether PostgreSQL still holds any click of [from, to) (retention drops whole months). */
  async anyBetween(from: Date, to: Date): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT 1 FROM click_events WHERE time >= $1 AND time < $2 LIMIT 1`,
      [from, to],
    );
    return rows.length > 0;
  }
}
