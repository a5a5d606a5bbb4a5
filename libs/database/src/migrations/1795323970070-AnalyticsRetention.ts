import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand: storage parameters, an index on the partitioned click_events and a function are outside
 * TypeORM's model.
 *
 * - Fill factor on the new rollup tables, as on the others (batches update their rows in place).
 * - `click_events (workspace_id, time)`: analytics answer from rollups, but a filter across two dimensions
 *   (browsers of the clicks from one country) has no rollup; it reads the workspace's raw events of the
 *   range through this index instead of every workspace's.
 * - `click_events_drop_partitions_before(cutoff)`: retention is a partition drop. Drops the monthly
 *   partitions that end at or before `cutoff` and returns their names.
 */
export class AnalyticsRetention1795323970070 implements MigrationInterface {
  name = 'AnalyticsRetention1795323970070';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['link_click_rollups_daily', 'workspace_click_rollups_hourly', 'workspace_dimension_rollups_daily', 'workspace_dimension_rollups_hourly']) {
      await queryRunner.query(`ALTER TABLE "${table}" SET (fillfactor = 80)`);
    }
    await queryRunner.query(`CREATE INDEX "click_events_workspace_time_idx" ON "click_events" ("workspace_id", "time")`);
    await queryRunner.query(`CREATE FUNCTION click_events_drop_partitions_before(cutoff timestamptz) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
  partition_name text;
  month_end timestamptz;
BEGIN
  PERFORM pg_advisory_xact_lock(7412003322);
  FOR partition_name IN
    SELECT child.relname FROM pg_inherits
      JOIN pg_class child ON child.oid = pg_inherits.inhrelid
      JOIN pg_class parent ON parent.oid = pg_inherits.inhparent
     WHERE parent.relname = 'click_events' AND child.relname ~ '^click_events_[0-9]{4}_[0-9]{2}$'
     ORDER BY child.relname
  LOOP
    month_end := (to_timestamp(substring(partition_name FROM 14), 'YYYY_MM')::timestamp + interval '1 month') AT TIME ZONE 'UTC';
    IF month_end <= cutoff THEN
      EXECUTE format('DROP TABLE %I', partition_name);
      RETURN NEXT partition_name;
    END IF;
  END LOOP;
END
$$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION click_events_drop_partitions_before(timestamptz)`);
    await queryRunner.query(`DROP INDEX "click_events_workspace_time_idx"`);
    for (const table of ['link_click_rollups_daily', 'workspace_click_rollups_hourly', 'workspace_dimension_rollups_daily', 'workspace_dimension_rollups_hourly']) {
      await queryRunner.query(`ALTER TABLE "${table}" RESET (fillfactor)`);
    }
  }
}
