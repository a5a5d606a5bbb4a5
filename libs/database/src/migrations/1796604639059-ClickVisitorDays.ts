import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand (TypeORM cannot express a partitioned table, so the visitor-day table loses its entity).
 *
 * `click_visitors_daily` only decides whether a click is its visitor's first of the UTC day on a link
 * (`first_visit`), so only the days still receiving clicks need their rows: it becomes partitioned by day
 * (`click_visitors_daily_YYYY_MM_DD`, plus `click_visitors_daily_default` for a day no partition covers).
 * `click_visitors_daily_maintain(days_ahead)`, run by the server at boot and daily, drops the days before
 * yesterday (UTC) and creates yesterday to `days_ahead` days ahead, moving rows of those days out of the
 * default partition. A click of an older day (late, or a clock far off) is decided against click_events
 * itself by the click writer. `workspace_id` and its index go: nothing read them.
 *
 * `down` puts back the plain table with the rows still kept (their workspace from links).
 */
export class ClickVisitorDays1796604639059 implements MigrationInterface {
  name = 'ClickVisitorDays1796604639059';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "click_visitors_daily" RENAME TO "click_visitors_daily_unpartitioned"`);
    await queryRunner.query(`CREATE TABLE "click_visitors_daily" (
      "link_id" character varying(32) NOT NULL,
      "day" date NOT NULL,
      "visitor_hash" character varying(64) NOT NULL,
      CONSTRAINT "click_visitors_daily_pkey" PRIMARY KEY ("link_id", "day", "visitor_hash")
    ) PARTITION BY RANGE ("day")`);
    await queryRunner.query(`CREATE TABLE "click_visitors_daily_default" PARTITION OF "click_visitors_daily" DEFAULT`);
    await queryRunner.query(`CREATE FUNCTION click_visitors_daily_maintain(days_ahead integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  kept_from date := (now() AT TIME ZONE 'UTC')::date - 1;
  kept_day date;
  partition_name text;
  old_partition text;
BEGIN
  -- Instances booting together would otherwise race to create the same partition.
  PERFORM pg_advisory_xact_lock(7412003323);
  -- Drops first: they lock the whole table, and taking that lock before the others avoids a deadlock with writers.
  FOR old_partition IN
    SELECT child.relname FROM pg_inherits
      JOIN pg_class child ON child.oid = pg_inherits.inhrelid
      JOIN pg_class parent ON parent.oid = pg_inherits.inhparent
     WHERE parent.relname = 'click_visitors_daily' AND child.relname ~ '^click_visitors_daily_[0-9]{4}_[0-9]{2}_[0-9]{2}$'
       AND to_date(substr(child.relname, 22), 'YYYY_MM_DD') < kept_from
  LOOP
    EXECUTE format('DROP TABLE %I', old_partition);
  END LOOP;
  DELETE FROM click_visitors_daily_default WHERE day < kept_from;
  FOR kept_day IN SELECT generate_series(kept_from, kept_from + 1 + days_ahead, interval '1 day')::date LOOP
    partition_name := 'click_visitors_daily_' || to_char(kept_day, 'YYYY_MM_DD');
    IF to_regclass(partition_name) IS NULL THEN
      EXECUTE format('CREATE TABLE %I (LIKE click_visitors_daily INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', partition_name);
      EXECUTE format(
        'WITH moved AS (DELETE FROM click_visitors_daily_default WHERE day = %L RETURNING *) INSERT INTO %I SELECT * FROM moved',
        kept_day, partition_name);
      EXECUTE format('ALTER TABLE click_visitors_daily ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
        partition_name, kept_day, kept_day + 1);
    END IF;
  END LOOP;
END
$$`);
    await queryRunner.query(`INSERT INTO "click_visitors_daily" ("link_id", "day", "visitor_hash")
      SELECT "link_id", "day", "visitor_hash" FROM "click_visitors_daily_unpartitioned"
       WHERE "day" >= (now() AT TIME ZONE 'UTC')::date - 1`);
    await queryRunner.query(`SELECT click_visitors_daily_maintain(2)`);
    await queryRunner.query(`DROP TABLE "click_visitors_daily_unpartitioned"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "click_visitors_daily" RENAME TO "click_visitors_daily_partitioned"`);
    await queryRunner.query(`CREATE TABLE "click_visitors_daily" ("link_id" character varying(32) NOT NULL, "workspace_id" character varying(32) NOT NULL, "day" date NOT NULL, "visitor_hash" character varying(64) NOT NULL, CONSTRAINT "PK_aed71b8aa16f0b575c6dd2bd5a7" PRIMARY KEY ("link_id", "day", "visitor_hash"))`);
    await queryRunner.query(`CREATE INDEX "click_visitors_daily_workspace_day_idx" ON "click_visitors_daily"  ("workspace_id", "day") `);
    await queryRunner.query(`INSERT INTO "click_visitors_daily" ("link_id", "workspace_id", "day", "visitor_hash")
      SELECT visitor.link_id, links.workspace_id, visitor.day, visitor.visitor_hash
        FROM "click_visitors_daily_partitioned" visitor JOIN links ON links.id = visitor.link_id`);
    await queryRunner.query(`DROP TABLE "click_visitors_daily_partitioned"`);
    await queryRunner.query(`DROP FUNCTION click_visitors_daily_maintain(integer)`);
  }
}
