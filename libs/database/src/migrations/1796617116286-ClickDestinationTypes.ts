import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which of its link's destinations a click used (web, geo, ios, android, app), and so the conversions attributed to
 * it. The click_events statement is written by hand (click_events has no entity); a nullable column without a
 * default is instant on every partition.
 */
export class ClickDestinationTypes1796617116286 implements MigrationInterface {
  name = 'ClickDestinationTypes1796617116286';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "conversion_events" ADD "destination_type" text`);
    await queryRunner.query(`ALTER TABLE "click_events" ADD "destination_type" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "click_events" DROP COLUMN "destination_type"`);
    await queryRunner.query(`ALTER TABLE "conversion_events" DROP COLUMN "destination_type"`);
  }
}
