import { MigrationInterface, QueryRunner } from 'typeorm';

export class ClickRollups1795314485400 implements MigrationInterface {
  name = 'ClickRollups1795314485400';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "click_rollups_daily" ("link_id" character varying(32) NOT NULL, "workspace_id" character varying(32) NOT NULL, "day" date NOT NULL, "dimension" character varying(32) NOT NULL, "value" text NOT NULL, "clicks" bigint NOT NULL DEFAULT '0', "unique_visitors" bigint NOT NULL DEFAULT '0', "bot_clicks" bigint NOT NULL DEFAULT '0', CONSTRAINT "PK_44fbb2d57de5828ed839e00f199" PRIMARY KEY ("link_id", "day", "dimension", "value"))`);
    await queryRunner.query(`CREATE INDEX "click_rollups_daily_workspace_day_idx" ON "click_rollups_daily"  ("workspace_id", "day", "dimension") `);
    await queryRunner.query(`CREATE TABLE "click_salts" ("day" date NOT NULL, "salt" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4c9124759647aebe8e006d4957e" PRIMARY KEY ("day"))`);
    await queryRunner.query(`CREATE TABLE "click_visitors_daily" ("link_id" character varying(32) NOT NULL, "workspace_id" character varying(32) NOT NULL, "day" date NOT NULL, "visitor_hash" character varying(64) NOT NULL, CONSTRAINT "PK_aed71b8aa16f0b575c6dd2bd5a7" PRIMARY KEY ("link_id", "day", "visitor_hash"))`);
    await queryRunner.query(`CREATE INDEX "click_visitors_daily_workspace_day_idx" ON "click_visitors_daily"  ("workspace_id", "day") `);
    await queryRunner.query(`CREATE TABLE "link_click_rollups_hourly" ("link_id" character varying(32) NOT NULL, "workspace_id" character varying(32) NOT NULL, "hour" TIMESTAMP WITH TIME ZONE NOT NULL, "clicks" bigint NOT NULL DEFAULT '0', "unique_visitors" bigint NOT NULL DEFAULT '0', "bot_clicks" bigint NOT NULL DEFAULT '0', CONSTRAINT "PK_f7f1a449a4cb5368b46ab9de719" PRIMARY KEY ("link_id", "hour"))`);
    await queryRunner.query(`CREATE INDEX "link_click_rollups_hourly_workspace_hour_idx" ON "link_click_rollups_hourly"  ("workspace_id", "hour") `);
    await queryRunner.query(`ALTER TABLE "click_rollups_daily" ADD CONSTRAINT "FK_07c5e32857eef2e8c32d2765795" FOREIGN KEY ("link_id") REFERENCES "links"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "click_visitors_daily" ADD CONSTRAINT "FK_dc1b8f6f69e0d24ecd7e81fcbad" FOREIGN KEY ("link_id") REFERENCES "links"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "link_click_rollups_hourly" ADD CONSTRAINT "FK_ad4f86ca446eebb1cf65d7732b6" FOREIGN KEY ("link_id") REFERENCES "links"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "link_click_rollups_hourly" DROP CONSTRAINT "FK_ad4f86ca446eebb1cf65d7732b6"`);
    await queryRunner.query(`ALTER TABLE "click_visitors_daily" DROP CONSTRAINT "FK_dc1b8f6f69e0d24ecd7e81fcbad"`);
    await queryRunner.query(`ALTER TABLE "click_rollups_daily" DROP CONSTRAINT "FK_07c5e32857eef2e8c32d2765795"`);
    await queryRunner.query(`DROP INDEX "public"."link_click_rollups_hourly_workspace_hour_idx"`);
    await queryRunner.query(`DROP TABLE "link_click_rollups_hourly"`);
    await queryRunner.query(`DROP INDEX "public"."click_visitors_daily_workspace_day_idx"`);
    await queryRunner.query(`DROP TABLE "click_visitors_daily"`);
    await queryRunner.query(`DROP TABLE "click_salts"`);
    await queryRunner.query(`DROP INDEX "public"."click_rollups_daily_workspace_day_idx"`);
    await queryRunner.query(`DROP TABLE "click_rollups_daily"`);
  }
}
