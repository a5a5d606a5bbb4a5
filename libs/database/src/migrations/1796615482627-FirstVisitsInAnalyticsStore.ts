import { MigrationInterface, QueryRunner } from 'typeorm';
import { ClickVisitorDays1796604639059 } from './1796604639059-ClickVisitorDays';

/**
 * Written by hand (click_events has no entity): whether a click is its visitor's first of the UTC day on a link
 * is decided by each instance's analytics store as it reads the events (by sequence number), no longer by the
 * click writer. `click_visitors_daily`, its upkeep function and `click_events.first_visit` go: the writer
 * stores the events and the links' counters only, about half of PostgreSQL's work per click.
 *
 * `down` brings them back: the flags recomputed from the events (a visitor's first click by sequence number),
 * the visitor days of yesterday and today refilled, through ClickVisitorDays' own conversion.
 */
export class FirstVisitsInAnalyticsStore1796615482627 implements MigrationInterface {
  name = 'FirstVisitsInAnalyticsStore1796615482627';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "click_visitors_daily"`);
    await queryRunner.query(`DROP FUNCTION click_visitors_daily_maintain(integer)`);
    await queryRunner.query(`ALTER TABLE "click_events" DROP COLUMN "first_visit"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "click_events" ADD COLUMN "first_visit" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`UPDATE "click_events" SET "first_visit" = true FROM (
        SELECT id, time, row_number() OVER (PARTITION BY link_id, (time AT TIME ZONE 'UTC')::date, visitor_hash ORDER BY seq) AS rank
          FROM "click_events" WHERE NOT is_bot) AS ranked
       WHERE ranked.rank = 1 AND ranked.id = "click_events".id AND ranked.time = "click_events".time`);
    await queryRunner.query(`CREATE TABLE "click_visitors_daily" AS
      SELECT DISTINCT link_id, (time AT TIME ZONE 'UTC')::date AS day, visitor_hash FROM "click_events"
       WHERE NOT is_bot AND time >= date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' - interval '1 day'`);
    await new ClickVisitorDays1796604639059().up(queryRunner);
  }
}
