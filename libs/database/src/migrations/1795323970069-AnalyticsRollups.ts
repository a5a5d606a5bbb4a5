import { MigrationInterface, QueryRunner } from 'typeorm';

export class AnalyticsRollups1795323970069 implements MigrationInterface {
  name = 'AnalyticsRollups1795323970069';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "workspace_click_rollups_hourly" ("workspace_id" character varying(32) NOT NULL, "hour" TIMESTAMP WITH TIME ZONE NOT NULL, "clicks" bigint NOT NULL DEFAULT '0', "unique_visitors" bigint NOT NULL DEFAULT '0', "bot_clicks" bigint NOT NULL DEFAULT '0', CONSTRAINT "PK_23d6a323274c48f151a76a96762" PRIMARY KEY ("workspace_id", "hour"))`);
    await queryRunner.query(`CREATE TABLE "workspace_dimension_rollups_daily" ("workspace_id" character varying(32) NOT NULL, "dimension" character varying(32) NOT NULL, "day" date NOT NULL, "value" text NOT NULL, "clicks" bigint NOT NULL DEFAULT '0', "unique_visitors" bigint NOT NULL DEFAULT '0', "bot_clicks" bigint NOT NULL DEFAULT '0', CONSTRAINT "PK_a587a9288a593b1f5d32b04f41a" PRIMARY KEY ("workspace_id", "dimension", "day", "value"))`);
    await queryRunner.query(`CREATE TABLE "workspace_dimension_rollups_hourly" ("workspace_id" character varying(32) NOT NULL, "dimension" character varying(32) NOT NULL, "hour" TIMESTAMP WITH TIME ZONE NOT NULL, "value" text NOT NULL, "clicks" bigint NOT NULL DEFAULT '0', "unique_visitors" bigint NOT NULL DEFAULT '0', "bot_clicks" bigint NOT NULL DEFAULT '0', CONSTRAINT "PK_73c959712df6a5f72958d6984c0" PRIMARY KEY ("workspace_id", "dimension", "hour", "value"))`);
    await queryRunner.query(`CREATE TABLE "link_click_rollups_daily" ("link_id" character varying(32) NOT NULL, "workspace_id" character varying(32) NOT NULL, "day" date NOT NULL, "clicks" bigint NOT NULL DEFAULT '0', "unique_visitors" bigint NOT NULL DEFAULT '0', "bot_clicks" bigint NOT NULL DEFAULT '0', CONSTRAINT "PK_8401428f33445325e8b0435d35c" PRIMARY KEY ("link_id", "day"))`);
    await queryRunner.query(`CREATE INDEX "link_click_rollups_daily_workspace_day_idx" ON "link_click_rollups_daily"  ("workspace_id", "day") `);
    await queryRunner.query(`ALTER TABLE "workspace_click_rollups_hourly" ADD CONSTRAINT "FK_8681936abbf020d9791d4fdac84" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "workspace_dimension_rollups_daily" ADD CONSTRAINT "FK_cc8559031d5d862ff04d8a07dab" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "workspace_dimension_rollups_hourly" ADD CONSTRAINT "FK_7904b177434f4dc7cacfde7bc45" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "link_click_rollups_daily" ADD CONSTRAINT "FK_b819ad1e212cad59ee3666afc3a" FOREIGN KEY ("link_id") REFERENCES "links"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "link_click_rollups_daily" DROP CONSTRAINT "FK_b819ad1e212cad59ee3666afc3a"`);
    await queryRunner.query(`ALTER TABLE "workspace_dimension_rollups_hourly" DROP CONSTRAINT "FK_7904b177434f4dc7cacfde7bc45"`);
    await queryRunner.query(`ALTER TABLE "workspace_dimension_rollups_daily" DROP CONSTRAINT "FK_cc8559031d5d862ff04d8a07dab"`);
    await queryRunner.query(`ALTER TABLE "workspace_click_rollups_hourly" DROP CONSTRAINT "FK_8681936abbf020d9791d4fdac84"`);
    await queryRunner.query(`DROP INDEX "public"."link_click_rollups_daily_workspace_day_idx"`);
    await queryRunner.query(`DROP TABLE "link_click_rollups_daily"`);
    await queryRunner.query(`DROP TABLE "workspace_dimension_rollups_hourly"`);
    await queryRunner.query(`DROP TABLE "workspace_dimension_rollups_daily"`);
    await queryRunner.query(`DROP TABLE "workspace_click_rollups_hourly"`);
  }
}
