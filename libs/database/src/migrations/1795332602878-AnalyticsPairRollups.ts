import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The pair rollups (ClickPairRollupDailyEntity) and their bookkeeping, generated; then by hand the triggers
 * that bump a workspace's link membership version (LinkMembershipVersionEntity) when a link that has clicks
 * changes folder, gains or loses a tag, or is deleted — whatever code path does it (the links API, a folder
 * or tag deleted, SQL by hand). Links without clicks change no rollup and bump nothing.
 */
export class AnalyticsPairRollups1795332602878 implements MigrationInterface {
  name = 'AnalyticsPairRollups1795332602878';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "click_pair_rollups_daily" ("clicks" bigint NOT NULL DEFAULT '0', "unique_visitors" bigint NOT NULL DEFAULT '0', "bot_clicks" bigint NOT NULL DEFAULT '0', "workspace_id" character varying(32) NOT NULL, "filter_dimension" character varying(32) NOT NULL, "filter_value" text NOT NULL, "dimension" character varying(32) NOT NULL, "day" date NOT NULL, "value" text NOT NULL, CONSTRAINT "PK_477ceafa0908318eef983ac01f9" PRIMARY KEY ("workspace_id", "filter_dimension", "filter_value", "dimension", "day", "value"))`);
    await queryRunner.query(`CREATE INDEX "click_pair_rollups_daily_workspace_day_idx" ON "click_pair_rollups_daily"  ("workspace_id", "day") `);
    await queryRunner.query(`CREATE TABLE "click_pair_rollup_days" ("workspace_id" character varying(32) NOT NULL, "day" date NOT NULL, "kind" character varying(16) NOT NULL, "events" bigint NOT NULL, "links_version" bigint, "built_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_83ba6d4802cc5fd3d75b5cdfe7b" PRIMARY KEY ("workspace_id", "day", "kind"))`);
    await queryRunner.query(`CREATE TABLE "link_membership_versions" ("workspace_id" character varying(32) NOT NULL, "version" bigint NOT NULL DEFAULT '0', CONSTRAINT "PK_0997a9aafea29288188032ee829" PRIMARY KEY ("workspace_id"))`);
    await queryRunner.query(`ALTER TABLE "click_pair_rollups_daily" ADD CONSTRAINT "FK_e6154aba8c31fa8b895390ebbae" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "click_pair_rollup_days" ADD CONSTRAINT "FK_3d2323ed5feac9d8b9b2f6623ea" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "link_membership_versions" ADD CONSTRAINT "FK_0997a9aafea29288188032ee829" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`CREATE FUNCTION link_membership_bump(changed_link varchar, changed_workspace varchar) RETURNS void LANGUAGE sql AS $$
      INSERT INTO link_membership_versions (workspace_id, version)
      SELECT changed_workspace, 1 WHERE EXISTS (SELECT 1 FROM link_click_rollups_daily WHERE link_id = changed_link)
         -- not while the workspace itself is being deleted (its links go with it)
         AND EXISTS (SELECT 1 FROM workspaces WHERE id = changed_workspace)
      ON CONFLICT (workspace_id) DO UPDATE SET version = link_membership_versions.version + 1
    $$`);
    await queryRunner.query(`CREATE FUNCTION links_membership_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM link_membership_bump(OLD.id, OLD.workspace_id);
  -- Before a delete (while its rollups, which go with it, still tell whether it had clicks): let it proceed.
  IF TG_WHEN = 'BEFORE' THEN RETURN OLD; END IF;
  RETURN NULL;
END
$$`);
    await queryRunner.query(`CREATE FUNCTION link_tags_membership_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed record;
BEGIN
  IF TG_OP = 'DELETE' THEN changed := OLD; ELSE changed := NEW; END IF;
  -- A link being deleted takes its assignments along; its own trigger bumped already.
  PERFORM link_membership_bump(links.id, links.workspace_id) FROM links WHERE links.id = changed.link_id;
  RETURN NULL;
END
$$`);
    await queryRunner.query(`CREATE TRIGGER links_folder_changed AFTER UPDATE OF folder_id ON links
      FOR EACH ROW WHEN (OLD.folder_id IS DISTINCT FROM NEW.folder_id) EXECUTE FUNCTION links_membership_changed()`);
    await queryRunner.query(`CREATE TRIGGER links_deleted BEFORE DELETE ON links FOR EACH ROW EXECUTE FUNCTION links_membership_changed()`);
    await queryRunner.query(`CREATE TRIGGER link_tag_assignments_changed AFTER INSERT OR DELETE ON link_tag_assignments
      FOR EACH ROW EXECUTE FUNCTION link_tags_membership_changed()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER link_tag_assignments_changed ON link_tag_assignments`);
    await queryRunner.query(`DROP TRIGGER links_deleted ON links`);
    await queryRunner.query(`DROP TRIGGER links_folder_changed ON links`);
    await queryRunner.query(`DROP FUNCTION link_tags_membership_changed()`);
    await queryRunner.query(`DROP FUNCTION links_membership_changed()`);
    await queryRunner.query(`DROP FUNCTION link_membership_bump(varchar, varchar)`);
    await queryRunner.query(`ALTER TABLE "link_membership_versions" DROP CONSTRAINT "FK_0997a9aafea29288188032ee829"`);
    await queryRunner.query(`ALTER TABLE "click_pair_rollup_days" DROP CONSTRAINT "FK_3d2323ed5feac9d8b9b2f6623ea"`);
    await queryRunner.query(`ALTER TABLE "click_pair_rollups_daily" DROP CONSTRAINT "FK_e6154aba8c31fa8b895390ebbae"`);
    await queryRunner.query(`DROP TABLE "link_membership_versions"`);
    await queryRunner.query(`DROP TABLE "click_pair_rollup_days"`);
    await queryRunner.query(`DROP INDEX "public"."click_pair_rollups_daily_workspace_day_idx"`);
    await queryRunner.query(`DROP TABLE "click_pair_rollups_daily"`);
  }
}
