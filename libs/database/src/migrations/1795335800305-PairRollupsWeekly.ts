import { MigrationInterface, QueryRunner } from 'typeorm';

export class PairRollupsWeekly1795335800305 implements MigrationInterface {
  name = 'PairRollupsWeekly1795335800305';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "click_pair_rollups_weekly" ("clicks" bigint NOT NULL DEFAULT '0', "unique_visitors" bigint NOT NULL DEFAULT '0', "bot_clicks" bigint NOT NULL DEFAULT '0', "workspace_id" character varying(32) NOT NULL, "filter_dimension" character varying(32) NOT NULL, "filter_value" text NOT NULL, "dimension" character varying(32) NOT NULL, "week" date NOT NULL, "value" text NOT NULL, CONSTRAINT "PK_b1efcfab542863222522b89bcb0" PRIMARY KEY ("workspace_id", "filter_dimension", "filter_value", "dimension", "week", "value"))`);
    await queryRunner.query(`CREATE INDEX "click_pair_rollups_weekly_workspace_week_idx" ON "click_pair_rollups_weekly"  ("workspace_id", "week") `);
    await queryRunner.query(`CREATE TABLE "click_pair_rollup_weeks" ("workspace_id" character varying(32) NOT NULL, "week" date NOT NULL, "kind" character varying(16) NOT NULL, "events" bigint NOT NULL, "links_version" bigint, "built_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e3f73c80d1a8a3d1c740893ba56" PRIMARY KEY ("workspace_id", "week", "kind"))`);
    await queryRunner.query(`ALTER TABLE "click_pair_rollups_weekly" ADD CONSTRAINT "FK_6f30210068d94e4fef1dfc8a094" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "click_pair_rollup_weeks" ADD CONSTRAINT "FK_7f84076d8794c441ede1fe3bff4" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "click_pair_rollup_weeks" DROP CONSTRAINT "FK_7f84076d8794c441ede1fe3bff4"`);
    await queryRunner.query(`ALTER TABLE "click_pair_rollups_weekly" DROP CONSTRAINT "FK_6f30210068d94e4fef1dfc8a094"`);
    await queryRunner.query(`DROP TABLE "click_pair_rollup_weeks"`);
    await queryRunner.query(`DROP INDEX "public"."click_pair_rollups_weekly_workspace_week_idx"`);
    await queryRunner.query(`DROP TABLE "click_pair_rollups_weekly"`);
  }
}
