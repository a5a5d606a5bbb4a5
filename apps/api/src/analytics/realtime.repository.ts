import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RealtimeClickDto } from './dto/realtime.dto';

const LATEST_CLICKS = 20;
const EXACT_TIME = `to_char(c.time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * The realtime view's latest clicks, read from PostgreSQL's click_events as they are written (like link detail's
 * last clicks: single events, not analytics). The BRIN index on `time` keeps the scan to the newest blocks.
 */
@Injectable()
export class RealtimeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A workspace's latest human clicks in [start, end), newest first. */
  latest(workspaceId: string, start: Date, end: Date): Promise<RealtimeClickDto[]> {
    return this.dataSource.query(
      `SELECT ${EXACT_TIME} AS time, c.link_id AS "linkId", l.domain || '/' || l.slug AS link, c.country, c.city,
              c.device, c.browser, c.referrer_domain AS referrer
         FROM click_events c JOIN links l ON l.id = c.link_id
        WHERE c.time >= $2 AND c.time < $3 AND c.workspace_id = $1 AND NOT c.is_bot
        ORDER BY c.time DESC, c.id DESC
        LIMIT $4`,
      [workspaceId, start, end, LATEST_CLICKS],
    );
  }
}
