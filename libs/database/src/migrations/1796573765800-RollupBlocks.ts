import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Block rollups replace the weekly ones: the sums of 2, 4… 512 UTC days (aligned on multiples of their length)
 * instead of Monday-to-Sunday weeks, per link, per workspace dimension value, and for the pairs. The weekly
 * tables only held sums of the daily rollups: they are dropped, and the compaction job builds the blocks on its
 * next run (analytics read the daily rollups meanwhile, exact as ever).
 */

export class RollupBlocks1796573765800 implements MigrationInterface {
  name = 'RollupBlocks1796573765800';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['click_pair_rollup_weeks', 'click_pair_rollups_weekly', 'rollup_weeks', 'workspace_dimension_rollups_weekly', 'link_click_rollups_weekly']) {
      await queryRunner.query(`DROP TABLE "${table}"`);
    }
    await queryRunner.query(`CREATE TABLE "click_pair_rollups_blocks" ("clicks" bigint NOT NULL DEFAULT '0', "unique_visitors" bigint NOT NULL DEFAULT '0', "bot_clicks" bigint NOT NULL DEFAULT '0', "workspace_id" character varying(32) NOT NULL, "filter_dimension" character varying(32) NOT NULL, "filter_value" text NOT NULL, "dimension" character varying(32) NOT NULL, "start_day" date NOT NULL, "days" smallint NOT NULL, "value" text NOT NULL, CONSTRAINT "PK_6f08eaec4f783d28bfdea3e459d" PRIMARY KEY ("workspace_id", "filter_dimension", "filter_value", "dimension", "start_day", "days", "value"))`);
    await queryRunner.query(`CREATE INDEX "click_pair_rollups_blocks_workspace_start_idx" ON "click_pair_rollups_blocks"  ("workspace_id", "start_day") `);
    await queryRunner.query(`CREATE TABLE "click_pair_rollup_blocks" ("workspace_id" character varying(32) NOT NULL, "start_day" date NOT NULL, "days" smallint NOT NULL, "kind" character varying(16) NOT NULL, "events" bigint NOT NULL, "links_version" bigint, "built_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d5cdcafe968303a57a394d7830d" PRIMARY KEY ("workspace_id", "start_day", "days", "kind"))`);
    await queryRunner.query(`CREATE TABLE "link_click_rollups_blocks" ("clicks" bigint NOT NULL DEFAULT '0', "unique_visitors" bigint NOT NULL DEFAULT '0', "bot_clicks" bigint NOT NULL DEFAULT '0', "workspace_id" character varying(32) NOT NULL, "start_day" date NOT NULL, "days" smallint NOT NULL, "link_id" character varying(32) NOT NULL, CONSTRAINT "PK_cd07e8ba635498fc0444efbf4cf" PRIMARY KEY ("workspace_id", "start_day", "days", "link_id"))`);
    await queryRunner.query(`CREATE INDEX "link_click_rollups_blocks_link_idx" ON "link_click_rollups_blocks"  ("link_id") `);
    await queryRunner.query(`CREATE TABLE "workspace_dimension_rollups_blocks" ("clicks" bigint NOT NULL DEFAULT '0', "unique_visitors" bigint NOT NULL DEFAULT '0', "bot_clicks" bigint NOT NULL DEFAULT '0', "workspace_id" character varying(32) NOT NULL, "dimension" character varying(32) NOT NULL, "start_day" date NOT NULL, "days" smallint NOT NULL, "value" text NOT NULL, CONSTRAINT "PK_f1995847f842d348602d3e7e13f" PRIMARY KEY ("workspace_id", "dimension", "start_day", "days", "value"))`);
    await queryRunner.query(`CREATE TABLE "rollup_blocks" ("workspace_id" character varying(32) NOT NULL, "start_day" date NOT NULL, "days" smallint NOT NULL, "events" bigint NOT NULL, "built_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_801231a62792b8059f735c63cf9" PRIMARY KEY ("workspace_id", "start_day", "days"))`);
    await queryRunner.query(`ALTER TABLE "click_pair_rollups_blocks" ADD CONSTRAINT "FK_f7a3a323bddb76238284782a33b" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "click_pair_rollup_blocks" ADD CONSTRAINT "FK_76dc8750c513a00b986bcb1d623" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "link_click_rollups_blocks" ADD CONSTRAINT "FK_ddb6634cf3063466e6d93211ae3" FOREIGN KEY ("link_id") REFERENCES "links"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "workspace_dimension_rollups_blocks" ADD CONSTRAINT "FK_9b68c9f75ab9b2cd7b206c81bfd" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "rollup_blocks" ADD CONSTRAINT "FK_ccc61d752d1e0c02bae953178e5" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "rollup_blocks" DROP CONSTRAINT "FK_ccc61d752d1e0c02bae953178e5"`);
    await queryRunner.query(`ALTER TABLE "workspace_dimension_rollups_blocks" DROP CONSTRAINT "FK_9b68c9f75ab9b2cd7b206c81bfd"`);
    await queryRunner.query(`ALTER TABLE "link_click_rollups_blocks" DROP CONSTRAINT "FK_ddb6634cf3063466e6d93211ae3"`);
    await queryRunner.query(`ALTER TABLE "click_pair_rollup_blocks" DROP CONSTRAINT "FK_76dc8750c513a00b986bcb1d623"`);
    await queryRunner.query(`ALTER TABLE "click_pair_rollups_blocks" DROP CONSTRAINT "FK_f7a3a323bddb76238284782a33b"`);
    await queryRunner.query(`DROP TABLE "rollup_blocks"`);
    await queryRunner.query(`DROP TABLE "workspace_dimension_rollups_blocks"`);
    await queryRunner.query(`DROP INDEX "public"."link_click_rollups_blocks_link_idx"`);
    await queryRunner.query(`DROP TABLE "link_click_rollups_blocks"`);
    await queryRunner.query(`DROP TABLE "click_pair_rollup_blocks"`);
    await queryRunner.query(`DROP INDEX "public"."click_pair_rollups_blocks_workspace_start_idx"`);
    await queryRunner.query(`DROP TABLE "click_pair_rollups_blocks"`);
    // The weekly tables, empty: the previous release's compaction job builds them again.
    await queryRunner.query(`CREATE TABLE "link_click_rollups_weekly" ("clicks" bigint NOT NULL DEFAULT '0', "unique_visitors" bigint NOT NULL DEFAULT '0', "bot_clicks" bigint NOT NULL DEFAULT '0', "link_id" character varying(32) NOT NULL, "workspace_id" character varying(32) NOT NULL, "week" date NOT NULL, CONSTRAINT "PK_f22f5b3827ba6e9d34313b94dbf" PRIMARY KEY ("link_id", "week"))`);
    await queryRunner.query(`CREATE INDEX "link_click_rollups_weekly_workspace_week_idx" ON "link_click_rollups_weekly"  ("workspace_id", "week") `);
    await queryRunner.query(`CREATE TABLE "workspace_dimension_rollups_weekly" ("clicks" bigint NOT NULL DEFAULT '0', "unique_visitors" bigint NOT NULL DEFAULT '0', "bot_clicks" bigint NOT NULL DEFAULT '0', "workspace_id" character varying(32) NOT NULL, "dimension" character varying(32) NOT NULL, "week" date NOT NULL, "value" text NOT NULL, CONSTRAINT "PK_604eae69926ba7c21d8c1ee6e31" PRIMARY KEY ("workspace_id", "dimension", "week", "value"))`);
    await queryRunner.query(`CREATE TABLE "rollup_weeks" ("workspace_id" character varying(32) NOT NULL, "week" date NOT NULL, "events" bigint NOT NULL, "built_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_65ec36f831a56b2f7fceb81c23d" PRIMARY KEY ("workspace_id", "week"))`);
    await queryRunner.query(`ALTER TABLE "link_click_rollups_weekly" ADD CONSTRAINT "FK_3769620008663b746b0c4a2b8bc" FOREIGN KEY ("link_id") REFERENCES "links"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "workspace_dimension_rollups_weekly" ADD CONSTRAINT "FK_89ab619658954dfe5a769077f5b" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "rollup_weeks" ADD CONSTRAINT "FK_2ba28530da06682fbf2e1c5b61a" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`CREATE TABLE "click_pair_rollups_weekly" ("clicks" bigint NOT NULL DEFAULT '0', "unique_visitors" bigint NOT NULL DEFAULT '0', "bot_clicks" bigint NOT NULL DEFAULT '0', "workspace_id" character varying(32) NOT NULL, "filter_dimension" character varying(32) NOT NULL, "filter_value" text NOT NULL, "dimension" character varying(32) NOT NULL, "week" date NOT NULL, "value" text NOT NULL, CONSTRAINT "PK_b1efcfab542863222522b89bcb0" PRIMARY KEY ("workspace_id", "filter_dimension", "filter_value", "dimension", "week", "value"))`);
    await queryRunner.query(`CREATE INDEX "click_pair_rollups_weekly_workspace_week_idx" ON "click_pair_rollups_weekly"  ("workspace_id", "week") `);
    await queryRunner.query(`CREATE TABLE "click_pair_rollup_weeks" ("workspace_id" character varying(32) NOT NULL, "week" date NOT NULL, "kind" character varying(16) NOT NULL, "events" bigint NOT NULL, "links_version" bigint, "built_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e3f73c80d1a8a3d1c740893ba56" PRIMARY KEY ("workspace_id", "week", "kind"))`);
    await queryRunner.query(`ALTER TABLE "click_pair_rollups_weekly" ADD CONSTRAINT "FK_6f30210068d94e4fef1dfc8a094" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "click_pair_rollup_weeks" ADD CONSTRAINT "FK_7f84076d8794c441ede1fe3bff4" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }
}
