import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Recent key changes, for the key change stream: the bigserial id is the event id every
 * instance sends for the change, so a subscriber resumes on any instance with Last-Event-ID.
 * Rows older than KEY_EVENTS_RETENTION_MS are pruned; no secret, name or owner is stored.
 */
export class KeyChanges1796600000000 implements MigrationInterface {
  name = 'KeyChanges1796600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "key_changes" ("id" BIGSERIAL PRIMARY KEY, "key_id" uuid NOT NULL, ` +
        `"change" varchar(16) NOT NULL, "at" timestamptz NOT NULL DEFAULT now())`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_key_changes_at" ON "key_changes" ("at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "key_changes"`);
  }
}
