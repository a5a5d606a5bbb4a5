import { MigrationInterface, QueryRunner } from 'typeorm';

export class Webhooks1796596701227 implements MigrationInterface {
  name = 'Webhooks1796596701227';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "webhooks" ("id" character varying(32) NOT NULL, "workspace_id" character varying(32) NOT NULL, "url" character varying(2048) NOT NULL, "description" character varying(200), "event_types" text array NOT NULL, "link_ids" text array, "folder_id" character varying(32), "tag_id" character varying(32), "enabled" boolean NOT NULL DEFAULT true, "disabled_reason" character varying(300), "disabled_at" TIMESTAMP WITH TIME ZONE, "secret" character varying(100) NOT NULL, "previous_secret" character varying(100), "previous_secret_expires_at" TIMESTAMP WITH TIME ZONE, "consecutive_failures" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9e8795cfc899ab7bdaa831e8527" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "webhooks_workspace_created_idx" ON "webhooks"  ("workspace_id", "created_at") `);
    await queryRunner.query(`CREATE TABLE "webhook_events" ("id" character varying(32) NOT NULL, "workspace_id" character varying(32) NOT NULL, "type" character varying(32) NOT NULL, "body" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4cba37e6a0acb5e1fc49c34ebfd" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "webhook_events_created_idx" ON "webhook_events"  ("created_at") `);
    await queryRunner.query(`CREATE TABLE "webhook_deliveries" ("id" character varying(40) NOT NULL, "webhook_id" character varying(32) NOT NULL, "event_id" character varying(32) NOT NULL, "status" character varying(16) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE, "last_attempt_at" TIMESTAMP WITH TIME ZONE, "last_status_code" integer, "last_error" character varying(500), "last_response_body" text, "finished_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "webhook_deliveries_finished_idx" ON "webhook_deliveries"  ("finished_at") WHERE status <> 'pending'`);
    await queryRunner.query(`CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries"  ("next_attempt_at") WHERE status = 'pending'`);
    await queryRunner.query(`CREATE INDEX "webhook_deliveries_webhook_created_idx" ON "webhook_deliveries"  ("webhook_id", "created_at") `);
    await queryRunner.query(`ALTER TABLE "webhooks" ADD CONSTRAINT "FK_3ed8fd5f3708d4acac990ad2369" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "webhook_events" ADD CONSTRAINT "FK_e6784c9ffb2d56c7788f171d5de" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "FK_a0286aeb96db651efd1ae2966f2" FOREIGN KEY ("webhook_id") REFERENCES "webhooks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "FK_27d1ee90033bdafe0ffe8f1be6f" FOREIGN KEY ("event_id") REFERENCES "webhook_events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_27d1ee90033bdafe0ffe8f1be6f"`);
    await queryRunner.query(`ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "FK_a0286aeb96db651efd1ae2966f2"`);
    await queryRunner.query(`ALTER TABLE "webhook_events" DROP CONSTRAINT "FK_e6784c9ffb2d56c7788f171d5de"`);
    await queryRunner.query(`ALTER TABLE "webhooks" DROP CONSTRAINT "FK_3ed8fd5f3708d4acac990ad2369"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_deliveries_webhook_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_deliveries_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_deliveries_finished_idx"`);
    await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
    await queryRunner.query(`DROP INDEX "public"."webhook_events_created_idx"`);
    await queryRunner.query(`DROP TABLE "webhook_events"`);
    await queryRunner.query(`DROP INDEX "public"."webhooks_workspace_created_idx"`);
    await queryRunner.query(`DROP TABLE "webhooks"`);
  }
}
