import { MigrationInterface, QueryRunner } from 'typeorm';

export class LinksFoldersTagsUtm1795314132215 implements MigrationInterface {
  name = 'LinksFoldersTagsUtm1795314132215';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "link_folders" ("id" character varying(32) NOT NULL, "workspace_id" character varying(32) NOT NULL, "name" character varying(100) NOT NULL, "description" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ba4ebe98f54732b94300f52f75d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "link_folders_workspace_idx" ON "link_folders"  ("workspace_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "links" ("id" character varying(32) NOT NULL, "workspace_id" character varying(32) NOT NULL, "domain" character varying(253) NOT NULL, "slug" character varying(190) NOT NULL, "url" text NOT NULL, "title" character varying(200), "description" character varying(1000), "external_id" character varying(255), "folder_id" character varying(32), "utm_source" character varying(255), "utm_medium" character varying(255), "utm_campaign" character varying(255), "utm_term" character varying(255), "utm_content" character varying(255), "expires_at" TIMESTAMP WITH TIME ZONE, "expired_url" text, "password_hash" text, "ios" text, "android" text, "geo" jsonb, "track_conversion" boolean NOT NULL DEFAULT false, "archived" boolean NOT NULL DEFAULT false, "clicks" bigint NOT NULL DEFAULT '0', "last_clicked_at" TIMESTAMP WITH TIME ZONE, "created_by_id" character varying(32), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ecf17f4a741d3c5ba0b4c5ab4b6" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "links_folder_idx" ON "links"  ("folder_id") `);
    await queryRunner.query(`CREATE INDEX "links_workspace_clicks_idx" ON "links"  ("workspace_id", "clicks", "id") `);
    await queryRunner.query(`CREATE INDEX "links_workspace_created_idx" ON "links"  ("workspace_id", "created_at", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "links_workspace_external_id_key" ON "links"  ("workspace_id", "external_id") WHERE external_id IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "links_domain_slug_key" ON "links"  ("domain", "slug") `);
    await queryRunner.query(`CREATE TABLE "link_tags" ("id" character varying(32) NOT NULL, "workspace_id" character varying(32) NOT NULL, "name" character varying(50) NOT NULL, "color" character varying(16) NOT NULL DEFAULT 'gray', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_aaf1cfe913fc81bc4fc3427d106" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "link_tags_workspace_idx" ON "link_tags"  ("workspace_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "link_tag_assignments" ("link_id" character varying(32) NOT NULL, "tag_id" character varying(32) NOT NULL, CONSTRAINT "PK_5fab2fc87afb2189b4168fe13f5" PRIMARY KEY ("link_id", "tag_id"))`);
    await queryRunner.query(`CREATE INDEX "link_tag_assignments_tag_idx" ON "link_tag_assignments"  ("tag_id") `);
    await queryRunner.query(`CREATE TABLE "utm_templates" ("id" character varying(32) NOT NULL, "workspace_id" character varying(32) NOT NULL, "name" character varying(100) NOT NULL, "utm_source" character varying(255), "utm_medium" character varying(255), "utm_campaign" character varying(255), "utm_term" character varying(255), "utm_content" character varying(255), "ref" character varying(255), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_71899f729bd91dd4d7002433124" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "utm_templates_workspace_idx" ON "utm_templates"  ("workspace_id", "created_at") `);
    await queryRunner.query(`ALTER TABLE "link_folders" ADD CONSTRAINT "FK_5aee4224b36d32a77a1648a6b96" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "links" ADD CONSTRAINT "FK_d581083c2c59726d611d7368321" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "links" ADD CONSTRAINT "FK_b6024b69a2ab4bae259780d38d5" FOREIGN KEY ("folder_id") REFERENCES "link_folders"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "links" ADD CONSTRAINT "FK_7bb994421f16136c2714eeade1d" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "link_tags" ADD CONSTRAINT "FK_28fb1f722c04efc5b0a04ce429d" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "link_tag_assignments" ADD CONSTRAINT "FK_5b2c529d82c5e65380ab3c93909" FOREIGN KEY ("link_id") REFERENCES "links"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "link_tag_assignments" ADD CONSTRAINT "FK_01480393498ec32ade77d9dd70f" FOREIGN KEY ("tag_id") REFERENCES "link_tags"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "utm_templates" ADD CONSTRAINT "FK_f1f2be487de1c7e17a58e9c24bc" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "utm_templates" DROP CONSTRAINT "FK_f1f2be487de1c7e17a58e9c24bc"`);
    await queryRunner.query(`ALTER TABLE "link_tag_assignments" DROP CONSTRAINT "FK_01480393498ec32ade77d9dd70f"`);
    await queryRunner.query(`ALTER TABLE "link_tag_assignments" DROP CONSTRAINT "FK_5b2c529d82c5e65380ab3c93909"`);
    await queryRunner.query(`ALTER TABLE "link_tags" DROP CONSTRAINT "FK_28fb1f722c04efc5b0a04ce429d"`);
    await queryRunner.query(`ALTER TABLE "links" DROP CONSTRAINT "FK_7bb994421f16136c2714eeade1d"`);
    await queryRunner.query(`ALTER TABLE "links" DROP CONSTRAINT "FK_b6024b69a2ab4bae259780d38d5"`);
    await queryRunner.query(`ALTER TABLE "links" DROP CONSTRAINT "FK_d581083c2c59726d611d7368321"`);
    await queryRunner.query(`ALTER TABLE "link_folders" DROP CONSTRAINT "FK_5aee4224b36d32a77a1648a6b96"`);
    await queryRunner.query(`DROP INDEX "public"."utm_templates_workspace_idx"`);
    await queryRunner.query(`DROP TABLE "utm_templates"`);
    await queryRunner.query(`DROP INDEX "public"."link_tag_assignments_tag_idx"`);
    await queryRunner.query(`DROP TABLE "link_tag_assignments"`);
    await queryRunner.query(`DROP INDEX "public"."link_tags_workspace_idx"`);
    await queryRunner.query(`DROP TABLE "link_tags"`);
    await queryRunner.query(`DROP INDEX "public"."links_domain_slug_key"`);
    await queryRunner.query(`DROP INDEX "public"."links_workspace_external_id_key"`);
    await queryRunner.query(`DROP INDEX "public"."links_workspace_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."links_workspace_clicks_idx"`);
    await queryRunner.query(`DROP INDEX "public"."links_folder_idx"`);
    await queryRunner.query(`DROP TABLE "links"`);
    await queryRunner.query(`DROP INDEX "public"."link_folders_workspace_idx"`);
    await queryRunner.query(`DROP TABLE "link_folders"`);
  }
}
