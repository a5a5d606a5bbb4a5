import { MigrationInterface, QueryRunner } from 'typeorm';

export class LinkAbTests1796615336874 implements MigrationInterface {
  name = 'LinkAbTests1796615336874';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "links" ADD "test_variants" jsonb`);
    await queryRunner.query(`ALTER TABLE "links" ADD "test_ends_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "links" ADD "winner_url" text`);
    await queryRunner.query(`ALTER TABLE "links" ADD "test_pick_winner" boolean NOT NULL DEFAULT false`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "links" DROP COLUMN "test_pick_winner"`);
    await queryRunner.query(`ALTER TABLE "links" DROP COLUMN "winner_url"`);
    await queryRunner.query(`ALTER TABLE "links" DROP COLUMN "test_ends_at"`);
    await queryRunner.query(`ALTER TABLE "links" DROP COLUMN "test_variants"`);
  }
}
