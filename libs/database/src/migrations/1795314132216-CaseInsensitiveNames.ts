import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand: TypeORM cannot express an index on an expression. The entities declare these
 * indexes with `synchronize: false`, so the generator leaves them alone.
 */
export class CaseInsensitiveNames1795314132216 implements MigrationInterface {
  name = 'CaseInsensitiveNames1795314132216';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE UNIQUE INDEX "link_folders_workspace_name_key" ON "link_folders" ("workspace_id", lower("name"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "link_tags_workspace_name_key" ON "link_tags" ("workspace_id", lower("name"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "utm_templates_workspace_name_key" ON "utm_templates" ("workspace_id", lower("name"))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "utm_templates_workspace_name_key"`);
    await queryRunner.query(`DROP INDEX "link_tags_workspace_name_key"`);
    await queryRunner.query(`DROP INDEX "link_folders_workspace_name_key"`);
  }
}
