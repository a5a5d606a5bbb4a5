import { MigrationInterface, QueryRunner } from 'typeorm';

export class LinkImports1796608000000 implements MigrationInterface {
  name = 'LinkImports1796608000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "link_imports" ("id" character varying(32) NOT NULL, "workspace_id" character varying(32) NOT NULL, "created_by_id" character varying(32), "format" character varying(16) NOT NULL, "on_conflict" character varying(8) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'queued', "file_name" character varying(255), "total_rows" integer NOT NULL, "chunk_count" integer NOT NULL, "next_chunk" integer NOT NULL DEFAULT '0', "processed_rows" integer NOT NULL DEFAULT '0', "created_count" integer NOT NULL DEFAULT '0', "updated_count" integer NOT NULL DEFAULT '0', "conflict_count" integer NOT NULL DEFAULT '0', "error_count" integer NOT NULL DEFAULT '0', "problems" jsonb NOT NULL DEFAULT '[]', "failure" character varying(500), "lease_owner" character varying(64), "lease_expires_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_a3b25572c2fb12676c925c1bd7d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "link_imports_unfinished_idx" ON "link_imports"  ("created_at") WHERE status IN ('queued', 'running')`);
    await queryRunner.query(`CREATE INDEX "link_imports_workspace_created_idx" ON "link_imports"  ("workspace_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "link_import_chunks" ("import_id" character varying(32) NOT NULL, "chunk_number" integer NOT NULL, "first_row" integer NOT NULL, "rows" jsonb NOT NULL, "results" jsonb, CONSTRAINT "PK_16a47ea623f935711c10c4d59c9" PRIMARY KEY ("import_id", "chunk_number"))`);
    await queryRunner.query(`ALTER TABLE "link_imports" ADD CONSTRAINT "FK_95bf9d4f4a0d8aced1d0d13f199" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "link_import_chunks" ADD CONSTRAINT "FK_81a51234e72668811d035e14bdf" FOREIGN KEY ("import_id") REFERENCES "link_imports"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "link_import_chunks" DROP CONSTRAINT "FK_81a51234e72668811d035e14bdf"`);
    await queryRunner.query(`ALTER TABLE "link_imports" DROP CONSTRAINT "FK_95bf9d4f4a0d8aced1d0d13f199"`);
    await queryRunner.query(`DROP TABLE "link_import_chunks"`);
    await queryRunner.query(`DROP INDEX "public"."link_imports_workspace_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."link_imports_unfinished_idx"`);
    await queryRunner.query(`DROP TABLE "link_imports"`);
  }
}
