import { MigrationInterface, QueryRunner } from 'typeorm';

export class WorkspaceUsage1795315549348 implements MigrationInterface {
  name = 'WorkspaceUsage1795315549348';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "workspace_usage" ("workspace_id" character varying(32) NOT NULL, "month" date NOT NULL, "links_created" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_5e49e2d00cecd2b07765b2b1dc7" PRIMARY KEY ("workspace_id", "month"))`);
    await queryRunner.query(`ALTER TABLE "workspace_usage" ADD CONSTRAINT "FK_b77e66b6c8fc76ccfcc04b112f3" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "workspace_usage" DROP CONSTRAINT "FK_b77e66b6c8fc76ccfcc04b112f3"`);
    await queryRunner.query(`DROP TABLE "workspace_usage"`);
  }
}
