import { MigrationInterface, QueryRunner } from 'typeorm';

export class ImportFailedAttempts1796611206400 implements MigrationInterface {
  name = 'ImportFailedAttempts1796611206400';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "link_imports" ADD "failed_attempts" integer NOT NULL DEFAULT '0'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "link_imports" DROP COLUMN "failed_attempts"`);
  }
}
