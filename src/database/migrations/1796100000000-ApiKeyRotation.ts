import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Key rotation: the secret a rotation replaced keeps working until `previous_key_expires_at`.
 * Its digest gets its own unique index (partial: most keys were never rotated), so one
 * statement finds a key by either digest with two index probes.
 */
export class ApiKeyRotation1796100000000 implements MigrationInterface {
  name = 'ApiKeyRotation1796100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_keys" ADD "rotated_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `ALTER TABLE "api_keys" ADD "previous_key_prefix" character varying(16)`,
    );
    await queryRunner.query(`ALTER TABLE "api_keys" ADD "previous_key_hash" character varying(64)`);
    await queryRunner.query(
      `ALTER TABLE "api_keys" ADD "previous_key_expires_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_api_keys_previous_key_hash" ON "api_keys" ("previous_key_hash") WHERE "previous_key_hash" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."UQ_api_keys_previous_key_hash"`);
    await queryRunner.query(`ALTER TABLE "api_keys" DROP COLUMN "previous_key_expires_at"`);
    await queryRunner.query(`ALTER TABLE "api_keys" DROP COLUMN "previous_key_hash"`);
    await queryRunner.query(`ALTER TABLE "api_keys" DROP COLUMN "previous_key_prefix"`);
    await queryRunner.query(`ALTER TABLE "api_keys" DROP COLUMN "rotated_at"`);
  }
}
