import { MigrationInterface, QueryRunner } from 'typeorm';

export class WeeklyRollups1795333119294 implements MigrationInterface {
  name = 'WeeklyRollups1795333119294';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "link_click_rollups_weekly" ("clicks" bigint NOT NULL DEFAULT '0', "unique_visitors" bigint NOT NULL DEFAULT '0', "bot_clicks" bigint NOT NULL DEFAULT '0', "link_id" character varying(32) NOT NULL, "workspace_id" character varying(32) NOT NULL, "week" date NOT NULL, CONSTRAINT "PK_f22f5b3827ba6e9d34313b94dbf" PRIMARY KEY ("link_id", "week"))`);
    await queryRunner.query(`CREATE INDEX "link_click_rollups_weekly_workspace_week_idx" ON "link_click_rollups_weekly"  ("workspace_id", "week") `);
    await queryRunner.query(`CREATE TABLE "workspace_dimension_rollups_weekly" ("clicks" bigint NOT NULL DEFAULT '0', "unique_visitors" bigint NOT NULL DEFAULT '0', "bot_clicks" bigint NOT NULL DEFAULT '0', "workspace_id" character varying(32) NOT NULL, "dimension" character varying(32) NOT NULL, "week" date NOT NULL, "value" text NOT NULL, CONSTRAINT "PK_604eae69926ba7c21d8c1ee6e31" PRIMARY KEY ("workspace_id", "dimension", "week", "value"))`);
    await queryRunner.query(`CREATE TABLE "rollup_weeks" ("workspace_id" character varying(32) NOT NULL, "week" date NOT NULL, "events" bigint NOT NULL, "built_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_65ec36f831a56b2f7fceb81c23d" PRIMARY KEY ("workspace_id", "week"))`);
    await queryRunner.query(`ALTER TABLE "link_click_rollups_weekly" ADD CONSTRAINT "FK_3769620008663b746b0c4a2b8bc" FOREIGN KEY ("link_id") REFERENCES "links"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "workspace_dimension_rollups_weekly" ADD CONSTRAINT "FK_89ab619658954dfe5a769077f5b" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "rollup_weeks" ADD CONSTRAINT "FK_2ba28530da06682fbf2e1c5b61a" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "rollup_weeks" DROP CONSTRAINT "FK_2ba28530da06682fbf2e1c5b61a"`);
    await queryRunner.query(`ALTER TABLE "workspace_dimension_rollups_weekly" DROP CONSTRAINT "FK_89ab619658954dfe5a769077f5b"`);
    await queryRunner.query(`ALTER TABLE "link_click_rollups_weekly" DROP CONSTRAINT "FK_3769620008663b746b0c4a2b8bc"`);
    await queryRunner.query(`DROP TABLE "rollup_weeks"`);
    await queryRunner.query(`DROP TABLE "workspace_dimension_rollups_weekly"`);
    await queryRunner.query(`DROP INDEX "public"."link_click_rollups_weekly_workspace_week_idx"`);
    await queryRunner.query(`DROP TABLE "link_click_rollups_weekly"`);
  }
}
