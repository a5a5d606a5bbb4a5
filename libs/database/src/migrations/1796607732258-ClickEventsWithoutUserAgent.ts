import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Written by hand (click_events has no entity): a click no longer keeps the raw User-Agent header. Nothing read
 * it (device, browser, OS and the bot flag are derived from it when the click is enriched, and the visitor hash
 * covers it), and a browser's header is 100–200 bytes: most of a stored click. Dropping the column is instant;
 * the space of existing rows comes back as their months are dropped. `down` brings the column back empty.
 */
export class ClickEventsWithoutUserAgent1796607732258 implements MigrationInterface {
  name = 'ClickEventsWithoutUserAgent1796607732258';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "click_events" DROP COLUMN "user_agent"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "click_events" ADD COLUMN "user_agent" text`);
  }
}
