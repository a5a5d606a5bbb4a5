import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand (click_events has no entity): smaller indexes on click_events, paid on every stored click.
 *
 * - `(workspace_id, time)` (a btree, ~50 bytes per click) served analytics filters that rollups could not answer;
 *   analytics read the analytics store now. A BRIN index on `time` (a few kB per month: clicks are appended in
 *   time order) serves what still reads a time range of every workspace's clicks.
 * - `(link_id, time, id)` becomes `(link_id, time)`: a link's latest clicks and its export read in (time, id)
 *   order; ties on the microsecond are rare, so the index gives the time order and a small incremental sort
 *   settles the id, and an export's keyset `(time, id) > (…)` still starts inside the index at that time.
 *
 * Building the indexes locks click_events against writes while it runs (no CONCURRENTLY on a partitioned table).
 */
export class ClickEventsLeanIndexes1796605869888 implements MigrationInterface {
  name = 'ClickEventsLeanIndexes1796605869888';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "click_events_workspace_time_idx"`);
    await queryRunner.query(
      `CREATE INDEX "click_events_time_brin_idx" ON "click_events" USING brin ("time") WITH (autosummarize = on)`,
    );
    await queryRunner.query(`DROP INDEX "click_events_link_time_idx"`);
    await queryRunner.query(`CREATE INDEX "click_events_link_time_idx" ON "click_events" ("link_id", "time")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "click_events_link_time_idx"`);
    await queryRunner.query(`CREATE INDEX "click_events_link_time_idx" ON "click_events" ("link_id", "time", "id")`);
    await queryRunner.query(`DROP INDEX "click_events_time_brin_idx"`);
    await queryRunner.query(`CREATE INDEX "click_events_workspace_time_idx" ON "click_events" ("workspace_id", "time")`);
  }
}
