import { MigrationInterface, QueryRunner } from 'typeorm';

export class LinkSocialPreview1796616940923 implements MigrationInterface {
  name = 'LinkSocialPreview1796616940923';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "links" ADD "og" jsonb`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "links" DROP COLUMN "og"`);
  }
}
