import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand (click_events has no entity): a sequence number on every click event, the order the
 * analytics store's projection follows (it reads the events after the last one it holds, by this index).
 * Sequence values are taken at insert and commit in another order: the projection re-reads the numbers it
 * saw missing for a while (AnalyticsProjection). Existing rows are numbered as the column is added; new
 * monthly partitions copy the default (click_events_ensure_partitions creates them LIKE click_events).
 */
export class ClickEventsSequence1796599300000 implements MigrationInterface {
  name = 'ClickEventsSequence1796599300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "click_events" ADD COLUMN "seq" bigserial NOT NULL`);
    await queryRunner.query(`CREATE INDEX "click_events_seq_idx" ON "click_events" ("seq")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "click_events_seq_idx"`);
    await queryRunner.query(`ALTER TABLE "click_events" DROP COLUMN "seq"`);
  }
}
