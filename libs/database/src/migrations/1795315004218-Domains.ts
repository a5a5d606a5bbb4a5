import { MigrationInterface, QueryRunner } from 'typeorm';

export class Domains1795315004218 implements MigrationInterface {
  name = 'Domains1795315004218';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "domains" ("id" character varying(32) NOT NULL, "workspace_id" character varying(32) NOT NULL, "hostname" character varying(253) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "verification_token" character varying(64) NOT NULL, "verified_at" TIMESTAMP WITH TIME ZONE, "last_checked_at" TIMESTAMP WITH TIME ZONE, "last_check_error" text, "not_found_url" text, "root_url" text, "expired_url" text, "no_index" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_05a6b087662191c2ea7f7ddfc4d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "domains_workspace_created_idx" ON "domains"  ("workspace_id", "created_at", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "domains_hostname_claimed_key" ON "domains"  ("hostname") WHERE status <> 'pending'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "domains_workspace_hostname_key" ON "domains"  ("workspace_id", "hostname") `);
    await queryRunner.query(`ALTER TABLE "domains" ADD CONSTRAINT "FK_ba26ceb68ab28bb041f002e918b" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "domains" DROP CONSTRAINT "FK_ba26ceb68ab28bb041f002e918b"`);
    await queryRunner.query(`DROP INDEX "public"."domains_workspace_hostname_key"`);
    await queryRunner.query(`DROP INDEX "public"."domains_hostname_claimed_key"`);
    await queryRunner.query(`DROP INDEX "public"."domains_workspace_created_idx"`);
    await queryRunner.query(`DROP TABLE "domains"`);
  }
}
