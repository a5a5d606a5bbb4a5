import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A cheaper click write (the batch statement of ClicksRepository), same data:
 * - the four tables the writer inserts into on every batch lose their foreign key to links: each inserted
 *   row ran a key check on a link the batch had locked already (FOR NO KEY UPDATE, the first statement of
 *   the batch's transaction). A row trigger on links takes a deleted link's rows along instead, as
 *   ON DELETE CASCADE did;
 * - the index on links (workspace_id, clicks, id) goes, and links get a fill factor: the writer's counter
 *   update then changes no indexed column and finds room on the row's page, so it is a heap-only (HOT)
 *   update instead of a new entry in each of the table's indexes. A list sorted by clicks sorts the
 *   workspace's links (found through links_workspace_created_idx) instead of walking an index.
 */

export class ClickWritePath1796549365728 implements MigrationInterface {
  name = 'ClickWritePath1796549365728';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "click_rollups_daily" DROP CONSTRAINT "FK_07c5e32857eef2e8c32d2765795"`);
    await queryRunner.query(`ALTER TABLE "click_visitors_daily" DROP CONSTRAINT "FK_dc1b8f6f69e0d24ecd7e81fcbad"`);
    await queryRunner.query(`ALTER TABLE "link_click_rollups_hourly" DROP CONSTRAINT "FK_ad4f86ca446eebb1cf65d7732b6"`);
    await queryRunner.query(`ALTER TABLE "link_click_rollups_daily" DROP CONSTRAINT "FK_b819ad1e212cad59ee3666afc3a"`);
    await queryRunner.query(`DROP INDEX "public"."links_workspace_clicks_idx"`);
    await queryRunner.query(`ALTER TABLE "links" SET (fillfactor = 85)`);
    await queryRunner.query(`CREATE FUNCTION links_delete_click_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM click_visitors_daily WHERE link_id = OLD.id;
  DELETE FROM link_click_rollups_hourly WHERE link_id = OLD.id;
  DELETE FROM link_click_rollups_daily WHERE link_id = OLD.id;
  DELETE FROM click_rollups_daily WHERE link_id = OLD.id;
  RETURN NULL;
END
$$`);
    await queryRunner.query(`CREATE TRIGGER links_deleted_click_rows AFTER DELETE ON links FOR EACH ROW EXECUTE FUNCTION links_delete_click_rows()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER links_deleted_click_rows ON links`);
    await queryRunner.query(`DROP FUNCTION links_delete_click_rows()`);
    await queryRunner.query(`ALTER TABLE "links" RESET (fillfactor)`);
    // Rows of links deleted meanwhile would fail the foreign keys below.
    for (const table of ['click_visitors_daily', 'link_click_rollups_hourly', 'link_click_rollups_daily', 'click_rollups_daily']) {
      await queryRunner.query(`DELETE FROM "${table}" WHERE NOT EXISTS (SELECT 1 FROM links WHERE links.id = "${table}".link_id)`);
    }
    await queryRunner.query(`CREATE INDEX "links_workspace_clicks_idx" ON "links" ("workspace_id", "clicks", "id") `);
    await queryRunner.query(`ALTER TABLE "link_click_rollups_daily" ADD CONSTRAINT "FK_b819ad1e212cad59ee3666afc3a" FOREIGN KEY ("link_id") REFERENCES "links"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "link_click_rollups_hourly" ADD CONSTRAINT "FK_ad4f86ca446eebb1cf65d7732b6" FOREIGN KEY ("link_id") REFERENCES "links"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "click_visitors_daily" ADD CONSTRAINT "FK_dc1b8f6f69e0d24ecd7e81fcbad" FOREIGN KEY ("link_id") REFERENCES "links"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "click_rollups_daily" ADD CONSTRAINT "FK_07c5e32857eef2e8c32d2765795" FOREIGN KEY ("link_id") REFERENCES "links"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }
}
