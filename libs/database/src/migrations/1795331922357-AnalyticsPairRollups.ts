import { MigrationInterface, QueryRunner } from 'typeorm';

export class AnalyticsPairRollups1795331922357 implements MigrationInterface {
  name = 'AnalyticsPairRollups1795331922357';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "click_pair_rollups_daily" ("clicks" bigint NOT NULL DEFAULT '0', "unique_visitors" bigint NOT NULL DEFAULT '0', "bot_clicks" bigint NOT NULL DEFAULT '0', "workspace_id" character varying(32) NOT NULL, "filter_dimension" character varying(32) NOT NULL, "filter_value" text NOT NULL, "dimension" character varying(32) NOT NULL, "day" date NOT NULL, "value" text NOT NULL, CONSTRAINT "PK_477ceafa0908318eef983ac01f9" PRIMARY KEY ("workspace_id", "filter_dimension", "filter_value", "dimension", "day", "value"))`);
    await queryRunner.query(`CREATE INDEX "click_pair_rollups_daily_workspace_day_idx" ON "click_pair_rollups_daily"  ("workspace_id", "day") `);
    await queryRunner.query(`CREATE TABLE "click_pair_rollup_days" ("workspace_id" character varying(32) NOT NULL, "day" date NOT NULL, "events" bigint NOT NULL, "built_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ae70d4eb03893f5d6cde005e7c3" PRIMARY KEY ("workspace_id", "day"))`);
    await queryRunner.query(`ALTER TABLE "click_pair_rollups_daily" ADD CONSTRAINT "FK_e6154aba8c31fa8b895390ebbae" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "click_pair_rollup_days" ADD CONSTRAINT "FK_3d2323ed5feac9d8b9b2f6623ea" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "click_pair_rollup_days" DROP CONSTRAINT "FK_3d2323ed5feac9d8b9b2f6623ea"`);
    await queryRunner.query(`ALTER TABLE "click_pair_rollups_daily" DROP CONSTRAINT "FK_e6154aba8c31fa8b895390ebbae"`);
    await queryRunner.query(`DROP TABLE "click_pair_rollup_days"`);
    await queryRunner.query(`DROP INDEX "public"."click_pair_rollups_daily_workspace_day_idx"`);
    await queryRunner.query(`DROP TABLE "click_pair_rollups_daily"`);
  }
}
