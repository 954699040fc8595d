import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Key metadata, and indexes that serve the listing's keyset pages (newest first) straight from
 * an index: per owner, and across owners for an admin's `all=true`. They replace the plain
 * user_id index, which the per-owner one covers.
 */
export class ApiKeyListing1796000000000 implements MigrationInterface {
  name = 'ApiKeyListing1796000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_keys" ADD "metadata" jsonb NOT NULL DEFAULT '{}'`);
    await queryRunner.query(
      `CREATE INDEX "IDX_api_keys_user_created" ON "api_keys" ("user_id", "created_at" DESC, "id" DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_api_keys_created" ON "api_keys" ("created_at" DESC, "id" DESC)`,
    );
    await queryRunner.query(`DROP INDEX "public"."IDX_api_keys_user_id"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_api_keys_user_id" ON "api_keys" ("user_id")`);
    await queryRunner.query(`DROP INDEX "public"."IDX_api_keys_created"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_api_keys_user_created"`);
    await queryRunner.query(`ALTER TABLE "api_keys" DROP COLUMN "metadata"`);
  }
}
