import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Per-key usage: one row per key, bucket and outcome. Recent buckets are minutes; the retention
 * job folds older minutes into their hour's first minute and older hours into their day's (the
 * same table and key, so a late flush still adds to the right total), then deletes what is past
 * USAGE_RETENTION_DAYS. Deleting a key deletes its usage.
 */
export class KeyUsage1796400000000 implements MigrationInterface {
  name = 'KeyUsage1796400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "key_usage" (
         "key_id" uuid NOT NULL REFERENCES "api_keys" ("id") ON DELETE CASCADE,
         "bucket_start" timestamptz NOT NULL,
         "outcome" smallint NOT NULL CHECK ("outcome" BETWEEN 0 AND 7),
         "count" bigint NOT NULL CHECK ("count" > 0),
         CONSTRAINT "PK_key_usage" PRIMARY KEY ("key_id", "bucket_start", "outcome")
       )`,
    );
    // The retention job walks buckets by age across all keys.
    await queryRunner.query(`CREATE INDEX "IDX_key_usage_bucket" ON "key_usage" ("bucket_start")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "key_usage"`);
  }
}
