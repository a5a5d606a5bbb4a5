import { MigrationInterface, QueryRunner } from 'typeorm';

export class Conversions1795315659381 implements MigrationInterface {
  name = 'Conversions1795315659381';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "customers" ("id" character varying(32) NOT NULL, "workspace_id" character varying(32) NOT NULL, "external_id" character varying(255) NOT NULL, "name" character varying(255), "email" character varying(320), "link_id" character varying(32), "click_id" character varying(32), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_133ec679a801fab5e070f73d3ea" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "customers_link_idx" ON "customers"  ("link_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "customers_workspace_external_id_key" ON "customers"  ("workspace_id", "external_id") `);
    await queryRunner.query(`CREATE TABLE "conversion_events" ("id" character varying(32) NOT NULL, "workspace_id" character varying(32) NOT NULL, "type" character varying(8) NOT NULL, "event_name" character varying(255) NOT NULL, "time" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "customer_id" character varying(32) NOT NULL, "link_id" character varying(32), "click_id" character varying(32), "amount" bigint, "currency" character(3), "invoice_id" character varying(255), "event_id" character varying(255), "provider" character varying(64), "provider_event_id" character varying(255), "provider_signature" text, "metadata" jsonb, "country" character varying(2), "region" text, "city" text, "device" character varying(16), "browser" text, "os" text, "referrer" text, "referrer_domain" text, "utm_source" text, "utm_medium" text, "utm_campaign" text, "utm_term" text, "utm_content" text, CONSTRAINT "PK_3153e3513a6cd44a85bf528705f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "conversion_events_customer_idx" ON "conversion_events"  ("customer_id") `);
    await queryRunner.query(`CREATE INDEX "conversion_events_link_time_idx" ON "conversion_events"  ("link_id", "time") `);
    await queryRunner.query(`CREATE INDEX "conversion_events_workspace_time_idx" ON "conversion_events"  ("workspace_id", "time", "id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "conversion_events_provider_event_key" ON "conversion_events"  ("workspace_id", "provider", "provider_event_id") WHERE provider_event_id IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "conversion_events_invoice_id_key" ON "conversion_events"  ("workspace_id", "invoice_id") WHERE invoice_id IS NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "conversion_events_event_id_key" ON "conversion_events"  ("workspace_id", "event_id") WHERE event_id IS NOT NULL`);
    await queryRunner.query(`ALTER TABLE "customers" ADD CONSTRAINT "FK_c6c383005287fc8902afa104434" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "customers" ADD CONSTRAINT "FK_49287a9714558a326699aef5f7e" FOREIGN KEY ("link_id") REFERENCES "links"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "conversion_events" ADD CONSTRAINT "FK_00758dc645a28906b21c1647830" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "conversion_events" ADD CONSTRAINT "FK_f4218125b0159a4dc85a6d0adcb" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "conversion_events" ADD CONSTRAINT "FK_550a338293a4c536bf8af86255b" FOREIGN KEY ("link_id") REFERENCES "links"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "conversion_events" DROP CONSTRAINT "FK_550a338293a4c536bf8af86255b"`);
    await queryRunner.query(`ALTER TABLE "conversion_events" DROP CONSTRAINT "FK_f4218125b0159a4dc85a6d0adcb"`);
    await queryRunner.query(`ALTER TABLE "conversion_events" DROP CONSTRAINT "FK_00758dc645a28906b21c1647830"`);
    await queryRunner.query(`ALTER TABLE "customers" DROP CONSTRAINT "FK_49287a9714558a326699aef5f7e"`);
    await queryRunner.query(`ALTER TABLE "customers" DROP CONSTRAINT "FK_c6c383005287fc8902afa104434"`);
    await queryRunner.query(`DROP INDEX "public"."conversion_events_event_id_key"`);
    await queryRunner.query(`DROP INDEX "public"."conversion_events_invoice_id_key"`);
    await queryRunner.query(`DROP INDEX "public"."conversion_events_provider_event_key"`);
    await queryRunner.query(`DROP INDEX "public"."conversion_events_workspace_time_idx"`);
    await queryRunner.query(`DROP INDEX "public"."conversion_events_link_time_idx"`);
    await queryRunner.query(`DROP INDEX "public"."conversion_events_customer_idx"`);
    await queryRunner.query(`DROP TABLE "conversion_events"`);
    await queryRunner.query(`DROP INDEX "public"."customers_workspace_external_id_key"`);
    await queryRunner.query(`DROP INDEX "public"."customers_link_idx"`);
    await queryRunner.query(`DROP TABLE "customers"`);
  }
}
