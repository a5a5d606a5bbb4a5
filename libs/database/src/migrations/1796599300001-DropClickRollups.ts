import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand (TypeORM never drops a table no entity names): analytics read the raw clicks through the
 * analytics store (DuckDB, fed from click_events by sequence), so the click writer's rollups, the compaction
 * job's pair and block rollups, the membership versions that told when those were stale, and the links'
 * triggers that kept them (membership versions; deleting a link's rollup and visitor rows) go. The visitor-day
 * table stays: it decides `first_visit` (a unique visitor) as clicks are written.
 * `down` recreates the tables empty, their functions and triggers, as they were (dumped from the schema).
 */
export class DropClickRollups1796599300001 implements MigrationInterface {
  name = 'DropClickRollups1796599300001';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER links_deleted_click_rows ON links`);
    await queryRunner.query(`DROP TRIGGER links_folder_changed ON links`);
    await queryRunner.query(`DROP TRIGGER links_deleted ON links`);
    await queryRunner.query(`DROP TRIGGER link_tag_assignments_changed ON link_tag_assignments`);
    await queryRunner.query(`DROP FUNCTION links_delete_click_rows()`);
    await queryRunner.query(`DROP FUNCTION links_membership_changed()`);
    await queryRunner.query(`DROP FUNCTION link_tags_membership_changed()`);
    await queryRunner.query(`DROP FUNCTION link_membership_bump(varchar, varchar)`);
    for (const table of [
      'click_pair_rollup_blocks', 'click_pair_rollup_days', 'click_pair_rollups_blocks', 'click_pair_rollups_daily', 'click_rollups_daily', 'link_click_rollups_blocks', 'link_click_rollups_daily', 'link_click_rollups_hourly', 'link_membership_versions', 'rollup_blocks', 'workspace_click_rollups_hourly', 'workspace_dimension_rollups_blocks', 'workspace_dimension_rollups_daily', 'workspace_dimension_rollups_hourly']) {
      await queryRunner.query(`DROP TABLE "${table}"`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
CREATE TABLE public.click_pair_rollup_blocks (
    workspace_id character varying(32) NOT NULL,
    start_day date NOT NULL,
    days smallint NOT NULL,
    kind character varying(16) NOT NULL,
    events bigint NOT NULL,
    links_version bigint,
    built_at timestamp with time zone DEFAULT now() NOT NULL
)`);
    await queryRunner.query(`CREATE TABLE public.click_pair_rollup_days (
    workspace_id character varying(32) NOT NULL,
    day date NOT NULL,
    kind character varying(16) NOT NULL,
    events bigint NOT NULL,
    links_version bigint,
    built_at timestamp with time zone DEFAULT now() NOT NULL
)`);
    await queryRunner.query(`CREATE TABLE public.click_pair_rollups_blocks (
    clicks bigint DEFAULT '0'::bigint NOT NULL,
    unique_visitors bigint DEFAULT '0'::bigint NOT NULL,
    bot_clicks bigint DEFAULT '0'::bigint NOT NULL,
    workspace_id character varying(32) NOT NULL,
    filter_dimension character varying(32) NOT NULL,
    filter_value text NOT NULL,
    dimension character varying(32) NOT NULL,
    start_day date NOT NULL,
    days smallint NOT NULL,
    value text NOT NULL
)`);
    await queryRunner.query(`CREATE TABLE public.click_pair_rollups_daily (
    clicks bigint DEFAULT '0'::bigint NOT NULL,
    unique_visitors bigint DEFAULT '0'::bigint NOT NULL,
    bot_clicks bigint DEFAULT '0'::bigint NOT NULL,
    workspace_id character varying(32) NOT NULL,
    filter_dimension character varying(32) NOT NULL,
    filter_value text NOT NULL,
    dimension character varying(32) NOT NULL,
    day date NOT NULL,
    value text NOT NULL
)`);
    await queryRunner.query(`CREATE TABLE public.click_rollups_daily (
    link_id character varying(32) NOT NULL,
    workspace_id character varying(32) NOT NULL,
    day date NOT NULL,
    dimension character varying(32) NOT NULL,
    value text NOT NULL,
    clicks bigint DEFAULT '0'::bigint NOT NULL,
    unique_visitors bigint DEFAULT '0'::bigint NOT NULL,
    bot_clicks bigint DEFAULT '0'::bigint NOT NULL
)
WITH (fillfactor='80')`);
    await queryRunner.query(`CREATE TABLE public.link_click_rollups_blocks (
    clicks bigint DEFAULT '0'::bigint NOT NULL,
    unique_visitors bigint DEFAULT '0'::bigint NOT NULL,
    bot_clicks bigint DEFAULT '0'::bigint NOT NULL,
    workspace_id character varying(32) NOT NULL,
    start_day date NOT NULL,
    days smallint NOT NULL,
    link_id character varying(32) NOT NULL
)`);
    await queryRunner.query(`CREATE TABLE public.link_click_rollups_daily (
    link_id character varying(32) NOT NULL,
    workspace_id character varying(32) NOT NULL,
    day date NOT NULL,
    clicks bigint DEFAULT '0'::bigint NOT NULL,
    unique_visitors bigint DEFAULT '0'::bigint NOT NULL,
    bot_clicks bigint DEFAULT '0'::bigint NOT NULL
)
WITH (fillfactor='80')`);
    await queryRunner.query(`CREATE TABLE public.link_click_rollups_hourly (
    link_id character varying(32) NOT NULL,
    workspace_id character varying(32) NOT NULL,
    hour timestamp with time zone NOT NULL,
    clicks bigint DEFAULT '0'::bigint NOT NULL,
    unique_visitors bigint DEFAULT '0'::bigint NOT NULL,
    bot_clicks bigint DEFAULT '0'::bigint NOT NULL
)
WITH (fillfactor='80')`);
    await queryRunner.query(`CREATE TABLE public.link_membership_versions (
    workspace_id character varying(32) NOT NULL,
    version bigint DEFAULT '0'::bigint NOT NULL
)`);
    await queryRunner.query(`CREATE TABLE public.rollup_blocks (
    workspace_id character varying(32) NOT NULL,
    start_day date NOT NULL,
    days smallint NOT NULL,
    events bigint NOT NULL,
    built_at timestamp with time zone DEFAULT now() NOT NULL
)`);
    await queryRunner.query(`CREATE TABLE public.workspace_click_rollups_hourly (
    workspace_id character varying(32) NOT NULL,
    hour timestamp with time zone NOT NULL,
    clicks bigint DEFAULT '0'::bigint NOT NULL,
    unique_visitors bigint DEFAULT '0'::bigint NOT NULL,
    bot_clicks bigint DEFAULT '0'::bigint NOT NULL
)
WITH (fillfactor='80')`);
    await queryRunner.query(`CREATE TABLE public.workspace_dimension_rollups_blocks (
    clicks bigint DEFAULT '0'::bigint NOT NULL,
    unique_visitors bigint DEFAULT '0'::bigint NOT NULL,
    bot_clicks bigint DEFAULT '0'::bigint NOT NULL,
    workspace_id character varying(32) NOT NULL,
    dimension character varying(32) NOT NULL,
    start_day date NOT NULL,
    days smallint NOT NULL,
    value text NOT NULL
)`);
    await queryRunner.query(`CREATE TABLE public.workspace_dimension_rollups_daily (
    workspace_id character varying(32) NOT NULL,
    dimension character varying(32) NOT NULL,
    day date NOT NULL,
    value text NOT NULL,
    clicks bigint DEFAULT '0'::bigint NOT NULL,
    unique_visitors bigint DEFAULT '0'::bigint NOT NULL,
    bot_clicks bigint DEFAULT '0'::bigint NOT NULL
)
WITH (fillfactor='80')`);
    await queryRunner.query(`CREATE TABLE public.workspace_dimension_rollups_hourly (
    workspace_id character varying(32) NOT NULL,
    dimension character varying(32) NOT NULL,
    hour timestamp with time zone NOT NULL,
    value text NOT NULL,
    clicks bigint DEFAULT '0'::bigint NOT NULL,
    unique_visitors bigint DEFAULT '0'::bigint NOT NULL,
    bot_clicks bigint DEFAULT '0'::bigint NOT NULL
)
WITH (fillfactor='80')`);
    await queryRunner.query(`ALTER TABLE ONLY public.link_membership_versions
    ADD CONSTRAINT "PK_0997a9aafea29288188032ee829" PRIMARY KEY (workspace_id)`);
    await queryRunner.query(`ALTER TABLE ONLY public.workspace_click_rollups_hourly
    ADD CONSTRAINT "PK_23d6a323274c48f151a76a96762" PRIMARY KEY (workspace_id, hour)`);
    await queryRunner.query(`ALTER TABLE ONLY public.click_rollups_daily
    ADD CONSTRAINT "PK_44fbb2d57de5828ed839e00f199" PRIMARY KEY (link_id, day, dimension, value)`);
    await queryRunner.query(`ALTER TABLE ONLY public.click_pair_rollups_daily
    ADD CONSTRAINT "PK_477ceafa0908318eef983ac01f9" PRIMARY KEY (workspace_id, filter_dimension, filter_value, dimension, day, value)`);
    await queryRunner.query(`ALTER TABLE ONLY public.click_pair_rollups_blocks
    ADD CONSTRAINT "PK_6f08eaec4f783d28bfdea3e459d" PRIMARY KEY (workspace_id, filter_dimension, filter_value, dimension, start_day, days, value)`);
    await queryRunner.query(`ALTER TABLE ONLY public.workspace_dimension_rollups_hourly
    ADD CONSTRAINT "PK_73c959712df6a5f72958d6984c0" PRIMARY KEY (workspace_id, dimension, hour, value)`);
    await queryRunner.query(`ALTER TABLE ONLY public.rollup_blocks
    ADD CONSTRAINT "PK_801231a62792b8059f735c63cf9" PRIMARY KEY (workspace_id, start_day, days)`);
    await queryRunner.query(`ALTER TABLE ONLY public.click_pair_rollup_days
    ADD CONSTRAINT "PK_83ba6d4802cc5fd3d75b5cdfe7b" PRIMARY KEY (workspace_id, day, kind)`);
    await queryRunner.query(`ALTER TABLE ONLY public.link_click_rollups_daily
    ADD CONSTRAINT "PK_8401428f33445325e8b0435d35c" PRIMARY KEY (link_id, day)`);
    await queryRunner.query(`ALTER TABLE ONLY public.workspace_dimension_rollups_daily
    ADD CONSTRAINT "PK_a587a9288a593b1f5d32b04f41a" PRIMARY KEY (workspace_id, dimension, day, value)`);
    await queryRunner.query(`ALTER TABLE ONLY public.link_click_rollups_blocks
    ADD CONSTRAINT "PK_cd07e8ba635498fc0444efbf4cf" PRIMARY KEY (workspace_id, start_day, days, link_id)`);
    await queryRunner.query(`ALTER TABLE ONLY public.click_pair_rollup_blocks
    ADD CONSTRAINT "PK_d5cdcafe968303a57a394d7830d" PRIMARY KEY (workspace_id, start_day, days, kind)`);
    await queryRunner.query(`ALTER TABLE ONLY public.workspace_dimension_rollups_blocks
    ADD CONSTRAINT "PK_f1995847f842d348602d3e7e13f" PRIMARY KEY (workspace_id, dimension, start_day, days, value)`);
    await queryRunner.query(`ALTER TABLE ONLY public.link_click_rollups_hourly
    ADD CONSTRAINT "PK_f7f1a449a4cb5368b46ab9de719" PRIMARY KEY (link_id, hour)`);
    await queryRunner.query(`CREATE INDEX click_pair_rollups_blocks_workspace_start_idx ON public.click_pair_rollups_blocks USING btree (workspace_id, start_day)`);
    await queryRunner.query(`CREATE INDEX click_pair_rollups_daily_workspace_day_idx ON public.click_pair_rollups_daily USING btree (workspace_id, day)`);
    await queryRunner.query(`CREATE INDEX click_rollups_daily_workspace_day_idx ON public.click_rollups_daily USING btree (workspace_id, day, dimension)`);
    await queryRunner.query(`CREATE INDEX link_click_rollups_blocks_link_idx ON public.link_click_rollups_blocks USING btree (link_id)`);
    await queryRunner.query(`CREATE INDEX link_click_rollups_daily_workspace_day_idx ON public.link_click_rollups_daily USING btree (workspace_id, day)`);
    await queryRunner.query(`CREATE INDEX link_click_rollups_hourly_workspace_hour_idx ON public.link_click_rollups_hourly USING btree (workspace_id, hour)`);
    await queryRunner.query(`ALTER TABLE ONLY public.link_membership_versions
    ADD CONSTRAINT "FK_0997a9aafea29288188032ee829" FOREIGN KEY (workspace_id) REFERENCES public.workspaces(id) ON DELETE CASCADE`);
    await queryRunner.query(`ALTER TABLE ONLY public.click_pair_rollup_days
    ADD CONSTRAINT "FK_3d2323ed5feac9d8b9b2f6623ea" FOREIGN KEY (workspace_id) REFERENCES public.workspaces(id) ON DELETE CASCADE`);
    await queryRunner.query(`ALTER TABLE ONLY public.click_pair_rollup_blocks
    ADD CONSTRAINT "FK_76dc8750c513a00b986bcb1d623" FOREIGN KEY (workspace_id) REFERENCES public.workspaces(id) ON DELETE CASCADE`);
    await queryRunner.query(`ALTER TABLE ONLY public.workspace_dimension_rollups_hourly
    ADD CONSTRAINT "FK_7904b177434f4dc7cacfde7bc45" FOREIGN KEY (workspace_id) REFERENCES public.workspaces(id) ON DELETE CASCADE`);
    await queryRunner.query(`ALTER TABLE ONLY public.workspace_click_rollups_hourly
    ADD CONSTRAINT "FK_8681936abbf020d9791d4fdac84" FOREIGN KEY (workspace_id) REFERENCES public.workspaces(id) ON DELETE CASCADE`);
    await queryRunner.query(`ALTER TABLE ONLY public.workspace_dimension_rollups_blocks
    ADD CONSTRAINT "FK_9b68c9f75ab9b2cd7b206c81bfd" FOREIGN KEY (workspace_id) REFERENCES public.workspaces(id) ON DELETE CASCADE`);
    await queryRunner.query(`ALTER TABLE ONLY public.workspace_dimension_rollups_daily
    ADD CONSTRAINT "FK_cc8559031d5d862ff04d8a07dab" FOREIGN KEY (workspace_id) REFERENCES public.workspaces(id) ON DELETE CASCADE`);
    await queryRunner.query(`ALTER TABLE ONLY public.rollup_blocks
    ADD CONSTRAINT "FK_ccc61d752d1e0c02bae953178e5" FOREIGN KEY (workspace_id) REFERENCES public.workspaces(id) ON DELETE CASCADE`);
    await queryRunner.query(`ALTER TABLE ONLY public.link_click_rollups_blocks
    ADD CONSTRAINT "FK_ddb6634cf3063466e6d93211ae3" FOREIGN KEY (link_id) REFERENCES public.links(id) ON DELETE CASCADE`);
    await queryRunner.query(`ALTER TABLE ONLY public.click_pair_rollups_daily
    ADD CONSTRAINT "FK_e6154aba8c31fa8b895390ebbae" FOREIGN KEY (workspace_id) REFERENCES public.workspaces(id) ON DELETE CASCADE`);
    await queryRunner.query(`ALTER TABLE ONLY public.click_pair_rollups_blocks
    ADD CONSTRAINT "FK_f7a3a323bddb76238284782a33b" FOREIGN KEY (workspace_id) REFERENCES public.workspaces(id) ON DELETE CASCADE`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION public.link_membership_bump(changed_link character varying, changed_workspace character varying)
 RETURNS void
 LANGUAGE sql
AS $function$
      INSERT INTO link_membership_versions (workspace_id, version)
      SELECT changed_workspace, 1 WHERE EXISTS (SELECT 1 FROM link_click_rollups_daily WHERE link_id = changed_link)
         -- not while the workspace itself is being deleted (its links go with it)
         AND EXISTS (SELECT 1 FROM workspaces WHERE id = changed_workspace)
      ON CONFLICT (workspace_id) DO UPDATE SET version = link_membership_versions.version + 1
    $function$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION public.links_membership_changed()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  PERFORM link_membership_bump(OLD.id, OLD.workspace_id);
  -- Before a delete (while its rollups, which go with it, still tell whether it had clicks): let it proceed.
  IF TG_WHEN = 'BEFORE' THEN RETURN OLD; END IF;
  RETURN NULL;
END
$function$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION public.link_tags_membership_changed()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
DECLARE
  changed record;
BEGIN
  IF TG_OP = 'DELETE' THEN changed := OLD; ELSE changed := NEW; END IF;
  -- A link being deleted takes its assignments along; its own trigger bumped already.
  PERFORM link_membership_bump(links.id, links.workspace_id) FROM links WHERE links.id = changed.link_id;
  RETURN NULL;
END
$function$`);
    await queryRunner.query(`CREATE OR REPLACE FUNCTION public.links_delete_click_rows()
 RETURNS trigger
 LANGUAGE plpgsql
AS $function$
BEGIN
  DELETE FROM click_visitors_daily WHERE link_id = OLD.id;
  DELETE FROM link_click_rollups_hourly WHERE link_id = OLD.id;
  DELETE FROM link_click_rollups_daily WHERE link_id = OLD.id;
  DELETE FROM click_rollups_daily WHERE link_id = OLD.id;
  RETURN NULL;
END
$function$`);
    await queryRunner.query(`CREATE TRIGGER links_folder_changed AFTER UPDATE OF folder_id ON public.links FOR EACH ROW WHEN (((old.folder_id)::text IS DISTINCT FROM (new.folder_id)::text)) EXECUTE FUNCTION links_membership_changed()`);
    await queryRunner.query(`CREATE TRIGGER links_deleted BEFORE DELETE ON public.links FOR EACH ROW EXECUTE FUNCTION links_membership_changed()`);
    await queryRunner.query(`CREATE TRIGGER link_tag_assignments_changed AFTER INSERT OR DELETE ON public.link_tag_assignments FOR EACH ROW EXECUTE FUNCTION link_tags_membership_changed()`);
    await queryRunner.query(`CREATE TRIGGER links_deleted_click_rows AFTER DELETE ON public.links FOR EACH ROW EXECUTE FUNCTION links_delete_click_rows()`);
  }
}
