import { MigrationInterface, QueryRunner } from 'typeorm';

export class WorkspaceTimeZone1796615097387 implements MigrationInterface {
  name = 'WorkspaceTimeZone1796615097387';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "workspaces" ADD "time_zone" character varying(64) NOT NULL DEFAULT 'UTC'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "workspaces" DROP COLUMN "time_zone"`);
  }
}
