import { MigrationInterface, QueryRunner } from 'typeorm';

export class DomainApps1796615706375 implements MigrationInterface {
  name = 'DomainApps1796615706375';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "domains" ADD "apps" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "domains" DROP COLUMN "apps"`);
  }
}
