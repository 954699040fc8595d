import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log: one row per change of state, hash-chained in `seq` order. The one-row chain
 * head holds the last `seq` and `hash` (writers lock it, which orders the chain across
 * transactions and instances, and lets verification notice a deleted newest event) and the
 * anchor the oldest kept event must continue from (moved by retention pruning).
 */
export class AuditLog1796300000000 implements MigrationInterface {
  name = 'AuditLog1796300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "audit_events" (
        "id" uuid NOT NULL,
        "seq" bigint NOT NULL,
        "at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "action" character varying(64) NOT NULL,
        "actor_type" character varying(16) NOT NULL,
        "actor_id" uuid,
        "target_type" character varying(16),
        "target_id" uuid,
        "ip" character varying(64),
        "user_agent" character varying(512),
        "request_id" character varying(64),
        "changes" jsonb,
        "owner_user_id" uuid,
        "prev_hash" character(64) NOT NULL,
        "hash" character(64) NOT NULL,
        CONSTRAINT "PK_audit_events" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_audit_events_seq" UNIQUE ("seq")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_audit_events_owner_seq" ON "audit_events" ("owner_user_id", "seq" DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_audit_events_actor_seq" ON "audit_events" ("actor_id", "seq" DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_audit_events_target_seq" ON "audit_events" ("target_id", "seq" DESC)`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_audit_events_at" ON "audit_events" ("at")`);
    await queryRunner.query(`
      CREATE TABLE "audit_chain_head" (
        "id" smallint NOT NULL,
        "last_seq" bigint NOT NULL,
        "last_hash" character(64) NOT NULL,
        "anchor_seq" bigint NOT NULL,
        "anchor_prev_hash" character(64) NOT NULL,
        CONSTRAINT "PK_audit_chain_head" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_audit_chain_head_one_row" CHECK ("id" = 1)
      )`);
    await queryRunner.query(
      `INSERT INTO "audit_chain_head" VALUES (1, 0, repeat('0', 64), 1, repeat('0', 64))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_chain_head"`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
  }
}
