import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The A/B test variant (its URL) of a click, and of the conversions attributed to it. The click_events statement is
 * written by hand (click_events has no entity); a nullable column without a default is instant on every partition.
 */
export class ClickVariants1796615850396 implements MigrationInterface {
  name = 'ClickVariants1796615850396';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "conversion_events" ADD "variant" text`);
    await queryRunner.query(`ALTER TABLE "click_events" ADD "variant" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "click_events" DROP COLUMN "variant"`);
    await queryRunner.query(`ALTER TABLE "conversion_events" DROP COLUMN "variant"`);
  }
}
