import { MigrationInterface, QueryRunner } from 'typeorm';

export class WorkspacePlanCheck1796600142358 implements MigrationInterface {
  name = 'WorkspacePlanCheck1796600142358';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // A plan set by hand to a name the code does not know broke every plan lookup (a 500): such a workspace
    // falls back to free rather than failing the upgrade.
    await queryRunner.query(
      `UPDATE "workspaces" SET "plan" = 'free' WHERE "plan" NOT IN ('free', 'starter', 'creator', 'agency')`,
    );
    await queryRunner.query(`ALTER TABLE "workspaces" ADD CONSTRAINT "CHK_workspaces_plan" CHECK ("plan" IN ('free', 'starter', 'creator', 'agency'))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "workspaces" DROP CONSTRAINT "CHK_workspaces_plan"`);
  }
}
