import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand: TypeORM cannot express a partitioned table, so `click_events` has no entity (the
 * click writer and the exports use SQL).
 *
 * Also sets a fill factor on the rollup tables (storage parameters are outside TypeORM's model too).
 *
 * Raw click events, partitioned by month on `time` (UTC months): `click_events_YYYY_MM` partitions, plus
 * `click_events_default` for any row no monthly partition covers (a clock far off, or months nobody
 * prepared). `click_events_ensure_partitions(n)` creates the current month and the n next ones; the
 * server calls it at boot and daily, so a month's partition exists before its first click. When rows of
 * a month already sit in the default partition, the function moves them into the new partition. Old
 * months can be dropped whole (DROP TABLE click_events_2026_01) when retention allows.
 */
export class ClickEventsPartitioned1795314485401 implements MigrationInterface {
  name = 'ClickEventsPartitioned1795314485401';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "click_events" (
      "id" character varying(32) NOT NULL,
      "time" TIMESTAMP WITH TIME ZONE NOT NULL,
      "workspace_id" character varying(32) NOT NULL,
      "link_id" character varying(32) NOT NULL,
      "domain" character varying(253) NOT NULL,
      "url" text NOT NULL,
      "visitor_hash" character varying(64) NOT NULL,
      "country" character varying(2),
      "region" text,
      "city" text,
      "device" character varying(16) NOT NULL,
      "browser" text,
      "os" text,
      "user_agent" text,
      "referrer" text,
      "referrer_domain" text,
      "utm_source" text,
      "utm_medium" text,
      "utm_campaign" text,
      "utm_term" text,
      "utm_content" text,
      "is_bot" boolean NOT NULL DEFAULT false,
      CONSTRAINT "click_events_pkey" PRIMARY KEY ("id", "time")
    ) PARTITION BY RANGE ("time")`);
    await queryRunner.query(`CREATE TABLE "click_events_default" PARTITION OF "click_events" DEFAULT`);
    // Per-link time ranges and exports in (time, id) order. Nothing reads raw events workspace-wide
    // (analytics read the rollups), and every index is paid on each click: there is no other.
    await queryRunner.query(`CREATE INDEX "click_events_link_time_idx" ON "click_events" ("link_id", "time", "id")`);
    // Rollup rows are updated in place by every batch: room in each page lets PostgreSQL keep the new
    // version on the same page without touching the indexes (HOT updates).
    for (const table of ['link_click_rollups_hourly', 'click_rollups_daily']) {
      await queryRunner.query(`ALTER TABLE "${table}" SET (fillfactor = 80)`);
    }
    await queryRunner.query(`CREATE FUNCTION click_events_ensure_partitions(months_ahead integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  first_month timestamp := date_trunc('month', now() AT TIME ZONE 'UTC');
  month_start timestamptz;
  month_end timestamptz;
  partition_name text;
BEGIN
  -- Instances booting together would otherwise race to create the same partition.
  PERFORM pg_advisory_xact_lock(7412003322);
  FOR month_offset IN 0..months_ahead LOOP
    month_start := (first_month + make_interval(months => month_offset)) AT TIME ZONE 'UTC';
    month_end := (first_month + make_interval(months => month_offset + 1)) AT TIME ZONE 'UTC';
    partition_name := 'click_events_' || to_char(first_month + make_interval(months => month_offset), 'YYYY_MM');
    IF to_regclass(partition_name) IS NULL THEN
      EXECUTE format('CREATE TABLE %I (LIKE click_events INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', partition_name);
      EXECUTE format(
        'WITH moved AS (DELETE FROM click_events_default WHERE "time" >= %L AND "time" < %L RETURNING *) INSERT INTO %I SELECT * FROM moved',
        month_start, month_end, partition_name);
      EXECUTE format('ALTER TABLE click_events ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', partition_name, month_start, month_end);
    END IF;
  END LOOP;
END
$$`);
    await queryRunner.query(`SELECT click_events_ensure_partitions(1)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['link_click_rollups_hourly', 'click_rollups_daily']) {
      await queryRunner.query(`ALTER TABLE "${table}" RESET (fillfactor)`);
    }
    await queryRunner.query(`DROP FUNCTION click_events_ensure_partitions(integer)`);
    await queryRunner.query(`DROP TABLE "click_events"`);
  }
}
