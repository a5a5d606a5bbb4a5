import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AnalyticsRealtimeDto, RealtimeClickDto } from './dto/realtime.dto';

const MINUTE = 60_000;
export const REALTIME_MINUTES = 30;
const LATEST_CLICKS = 20;
const EXACT_TIME = `to_char(c.time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * The last 30 minutes of a workspace's clicks, read from PostgreSQL's click_events as they are written (the
 * analytics store may lag by its catch-up interval). The BRIN index on `time` keeps the scan to the newest blocks.
 */
@Injectable()
export class RealtimeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async lastMinutes(workspaceId: string, now: Date): Promise<AnalyticsRealtimeDto> {
    const end = new Date(Math.floor(now.getTime() / MINUTE) * MINUTE + MINUTE);
    const start = new Date(end.getTime() - REALTIME_MINUTES * MINUTE);
    const [counts, latest] = await Promise.all([
      this.dataSource.query(
        `SELECT floor(extract(epoch FROM time) / 60)::bigint * 60000 AS minute, count(*)::int AS clicks
           FROM click_events c
          WHERE time >= $2 AND time < $3 AND workspace_id = $1 AND NOT is_bot
          GROUP BY 1`,
        [workspaceId, start, end],
      ) as Promise<{ minute: string; clicks: number }[]>,
      this.dataSource.query(
        `SELECT ${EXACT_TIME} AS time, c.link_id AS "linkId", l.domain || '/' || l.slug AS link, c.country, c.city,
                c.device, c.browser, c.referrer_domain AS referrer
           FROM click_events c JOIN links l ON l.id = c.link_id
          WHERE c.time >= $2 AND c.time < $3 AND c.workspace_id = $1 AND NOT c.is_bot
          ORDER BY c.time DESC, c.id DESC
          LIMIT $4`,
        [workspaceId, start, end, LATEST_CLICKS],
      ) as Promise<RealtimeClickDto[]>,
    ]);
    const byMinute = new Map(counts.map((row) => [Number(row.minute), row.clicks]));
    const minutes = Array.from({ length: REALTIME_MINUTES }, (_, index) => {
      const minute = start.getTime() + index * MINUTE;
      return { start: new Date(minute).toISOString(), clicks: byMinute.get(minute) ?? 0 };
    });
    return {
      start: start.toISOString(),
      end: end.toISOString(),
      clicks: minutes.reduce((total, minute) => total + minute.clicks, 0),
      minutes,
      latest,
    };
  }
}
