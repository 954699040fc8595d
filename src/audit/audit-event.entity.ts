import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { AuditChanges } from './audit.types';

/** bigint comes back from PostgreSQL as text; seq stays far below 2^53. */
const bigintAsNumber = {
  to: (value: number): number => value,
  from: (value: string): number => Number(value),
};

@Entity('audit_events')
@Index('IDX_audit_events_owner_seq', ['ownerUserId', 'seq'])
@Index('IDX_audit_events_actor_seq', ['actorId', 'seq'])
@Index('IDX_audit_events_target_seq', ['targetId', 'seq'])
export class AuditEventEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Index('UQ_audit_events_seq', { unique: true })
  @Column({ type: 'bigint', transformer: bigintAsNumber })
  seq!: number;

  @Index('IDX_audit_events_at')
  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ name: 'actor_type', type: 'varchar', length: 16 })
  actorType!: string;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ name: 'target_type', type: 'varchar', length: 16, nullable: true })
  targetType!: string | null;

  @Column({ name: 'target_id', type: 'uuid', nullable: true })
  targetId!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 512, nullable: true })
  userAgent!: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  changes!: AuditChanges | null;

  @Column({ name: 'owner_user_id', type: 'uuid', nullable: true })
  ownerUserId!: string | null;

  @Column({ name: 'prev_hash', type: 'char', length: 64 })
  prevHash!: string;

  @Column({ type: 'char', length: 64 })
  hash!: string;
}
