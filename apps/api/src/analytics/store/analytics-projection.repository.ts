import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DIMENSIONS } from '../dimensions';

/** A click event as the projection copies it: sequence, time in µs since the epoch, ids, flags, dimension values. */
export interface ProjectedClick {
  seq: string;
  micros: string;
  workspace_id: string;
  link_id: string;
  is_bot: boolean;
  first_visit: boolean;
  [dimension: string]: string | boolean | null;
}

const COLUMNS = `seq::text AS seq, (extract(epoch FROM time) * 1000000)::bigint::text AS micros, workspace_id, link_id,
  is_bot, first_visit, ${DIMENSIONS.map((dimension) => `nullif(${dimension.expression}, '') AS "${dimension.name}"`).join(', ')}`;

/** The projection's reads of PostgreSQL's click_events: by sequence number, through click_events_seq_idx. */
@Injectable()
export class AnalyticsProjectionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Up to `limit` events after sequence number `after`, in order. */
  after(after: bigint, limit: number): Promise<ProjectedClick[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM click_events WHERE seq > $1 ORDER BY click_events.seq LIMIT $2`,
      [after.toString(), limit],
    );
  }

  /** The events of the given sequence numbers that exist now. */
  some(seqs: bigint[]): Promise<ProjectedClick[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS} FROM click_events WHERE seq = ANY($1::bigint[]) ORDER BY click_events.seq`,
      [seqs.map(String)],
    );
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
