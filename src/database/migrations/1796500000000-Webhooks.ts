import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Webhooks and their transactional outbox. A delivery row is written in the same transaction as
 * the change it reports; workers claim due rows with FOR UPDATE SKIP LOCKED. `seq` orders the
 * deliveries of one webhook (the claim never takes a later one while an earlier is pending).
 * `webhook_event_marks` makes derived events (expiry warnings, rate-limit alerts) happen once
 * across instances: a unique row per occurrence.
 */
export class Webhooks1796500000000 implements MigrationInterface {
  name = 'Webhooks1796500000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "webhooks" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "user_id" uuid NOT NULL,
        "url" character varying(2048) NOT NULL,
        "events" text array NOT NULL,
        "description" character varying(500),
        "all_events_of_all_users" boolean NOT NULL DEFAULT false,
        "secret_encrypted" text NOT NULL,
        "failing_since" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "disabled_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_webhooks" PRIMARY KEY ("id"),
        CONSTRAINT "FK_webhooks_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE
      )`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_webhooks_user_created" ON "webhooks" ("user_id", "created_at" DESC, "id" DESC)`,
    );
    // The few admin webhooks that take every event: found by every enqueue, so indexed apart.
    await queryRunner.query(
      `CREATE INDEX "IDX_webhooks_all_users" ON "webhooks" ("id") WHERE "all_events_of_all_users"`,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_deliveries" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "seq" bigint GENERATED ALWAYS AS IDENTITY,
        "webhook_id" uuid NOT NULL,
        "event_id" uuid NOT NULL,
        "event_type" character varying(64) NOT NULL,
        "payload" jsonb NOT NULL,
        "status" character varying(16) NOT NULL DEFAULT 'pending',
        "attempts" integer NOT NULL DEFAULT 0,
        "response_status" integer,
        "response_body" character varying(1024),
        "error" character varying(500),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "last_attempt_at" TIMESTAMP WITH TIME ZONE,
        "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_webhook_deliveries" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_webhook_deliveries_event" UNIQUE ("webhook_id", "event_id"),
        CONSTRAINT "CHK_webhook_deliveries_status" CHECK ("status" IN ('pending', 'succeeded', 'failed')),
        CONSTRAINT "FK_webhook_deliveries_webhook" FOREIGN KEY ("webhook_id") REFERENCES "webhooks"("id") ON DELETE CASCADE
      )`,
    );
    // The claim: due pending rows, and "is an earlier one of this webhook still pending?".
    await queryRunner.query(
      `CREATE INDEX "IDX_webhook_deliveries_due" ON "webhook_deliveries" ("next_attempt_at") WHERE "status" = 'pending'`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_webhook_deliveries_pending_order" ON "webhook_deliveries" ("webhook_id", "seq") WHERE "status" = 'pending'`,
    );
    // The deliveries listing, newest first.
    await queryRunner.query(
      `CREATE INDEX "IDX_webhook_deliveries_webhook_seq" ON "webhook_deliveries" ("webhook_id", "seq" DESC)`,
    );
    await queryRunner.query(
      `CREATE TABLE "webhook_event_marks" (
        "mark" character varying(200) NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_webhook_event_marks" PRIMARY KEY ("mark")
      )`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_webhook_event_marks_created" ON "webhook_event_marks" ("created_at")`,
    );
    // Expiry warnings look only at live keys expiring soon, a bounded range of this index.
    await queryRunner.query(
      `CREATE INDEX "IDX_api_keys_expires_live" ON "api_keys" ("expires_at") WHERE "expires_at" IS NOT NULL AND "revoked_at" IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_api_keys_expires_live"`);
    await queryRunner.query(`DROP TABLE "webhook_event_marks"`);
    await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
    await queryRunner.query(`DROP TABLE "webhooks"`);
  }
}
