import { MigrationInterface, QueryRunner } from 'typeorm';

const COUNTS = 'count(*) FILTER (WHERE NOT is_bot), count(*) FILTER (WHERE first_visit), count(*) FILTER (WHERE is_bot)';

/**
 * `domain` — the short domain a click came through — becomes a dimension like `country`, so analytics filter
 * and group by it from the dimension rollups: conversion events carry their click's domain (filled in from the
 * click, or for a sale from its customer's lead), and the rollup rows of the clicks stored before are derived
 * from their raw events (per-link rows only for links that still exist, as the per-link rollups go with their
 * link). Written by hand around the generated column.
 */
export class DomainDimension1795331922359 implements MigrationInterface {
  name = 'DomainDimension1795331922359';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const day = `(time AT TIME ZONE 'UTC')::date`;
    const hour = `date_trunc('hour', time AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'`;
    await queryRunner.query(`ALTER TABLE "conversion_events" ADD "domain" character varying(253)`);
    await queryRunner.query(`UPDATE conversion_events SET domain = click.domain FROM click_events click WHERE click.id = conversion_events.click_id`);
    await queryRunner.query(`UPDATE conversion_events SET domain = lead.domain
      FROM conversion_events lead WHERE conversion_events.domain IS NULL AND conversion_events.type = 'sale'
       AND lead.customer_id = conversion_events.customer_id AND lead.type = 'lead' AND lead.domain IS NOT NULL`);
    await queryRunner.query(`INSERT INTO click_rollups_daily (link_id, workspace_id, day, dimension, value, clicks, unique_visitors, bot_clicks)
      SELECT link_id, click_events.workspace_id, ${day}, 'domain', click_events.domain, ${COUNTS}
        FROM click_events JOIN links ON links.id = click_events.link_id GROUP BY 1, 2, 3, 5`);
    await queryRunner.query(`INSERT INTO workspace_dimension_rollups_daily (workspace_id, dimension, day, value, clicks, unique_visitors, bot_clicks)
      SELECT workspace_id, 'domain', ${day}, domain, ${COUNTS} FROM click_events GROUP BY 1, 3, 4`);
    await queryRunner.query(`INSERT INTO workspace_dimension_rollups_hourly (workspace_id, dimension, hour, value, clicks, unique_visitors, bot_clicks)
      SELECT workspace_id, 'domain', ${hour}, domain, ${COUNTS} FROM click_events GROUP BY 1, 3, 4`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "conversion_events" DROP COLUMN "domain"`);
    for (const table of ['click_rollups_daily', 'workspace_dimension_rollups_daily', 'workspace_dimension_rollups_hourly']) {
      await queryRunner.query(`DELETE FROM ${table} WHERE dimension = 'domain'`);
    }
  }
}
