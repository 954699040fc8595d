import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { UserEntity } from '../users/user.entity';
import type { RefillInterval } from './credits-period';

@Entity({ name: 'api_keys' })
// Keyset pages of the listing, newest first: per owner, and across owners for an admin.
@Index('IDX_api_keys_user_created', ['userId', 'createdAt', 'id'])
@Index('IDX_api_keys_created', ['createdAt', 'id'])
export class ApiKeyEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  description!: string | null;

  @Column({ name: 'key_prefix', type: 'varchar', length: 16 })
  keyPrefix!: string;

  /** HMAC-SHA-256 of the full key under KEY_PEPPER, hex. Never selected by default. */
  @Index('UQ_api_keys_key_hash', { unique: true })
  @Column({ name: 'key_hash', type: 'varchar', length: 64, select: false })
  keyHash!: string;

  /** When the secret was last replaced; null on a key never rotated. */
  @Column({ name: 'rotated_at', type: 'timestamptz', nullable: true })
  rotatedAt!: Date | null;

  @Column({ name: 'previous_key_prefix', type: 'varchar', length: 16, nullable: true })
  previousKeyPrefix!: string | null;

  /**
   * The digest of the secret the last rotation replaced, kept past its grace so that secret is
   * told `api_key_rotated` rather than `invalid_api_key`. Never selected by default.
   */
  @Index('UQ_api_keys_previous_key_hash', {
    unique: true,
    where: '"previous_key_hash" IS NOT NULL',
  })
  @Column({ name: 'previous_key_hash', type: 'varchar', length: 64, nullable: true, select: false })
  previousKeyHash!: string | null;

  /** When the previous secret stops working (at or before `rotated_at` for a grace of 0). */
  @Column({ name: 'previous_key_expires_at', type: 'timestamptz', nullable: true })
  previousKeyExpiresAt!: Date | null;

  @Column({ type: 'text', array: true })
  scopes!: string[];

  @Column({ name: 'rate_limit_per_minute', type: 'integer', default: 100 })
  rateLimitPerMinute!: number;

  /** Free-form JSON object; `{}` when none. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  metadata!: Record<string, unknown>;

  /** Normalised addresses and CIDRs a keyed request may come from; null: any address. */
  @Column({ name: 'allowed_ips', type: 'text', array: true, nullable: true })
  allowedIps!: string[] | null;

  /**
   * The balance as last written; null: the key has no credits. Read it through
   * `effectiveBalance`: a balance from an earlier refill period counts as the refill amount.
   */
  @Column({ name: 'credits_remaining', type: 'integer', nullable: true })
  creditsRemaining!: number | null;

  /** The balance last set by create, update or a refill; `api_key.credits_low` fires at 10 %. */
  @Column({ name: 'credits_balance_set', type: 'integer', nullable: true })
  creditsBalanceSet!: number | null;

  @Column({ name: 'credits_refill_amount', type: 'integer', nullable: true })
  creditsRefillAmount!: number | null;

  @Column({ name: 'credits_refill_interval', type: 'varchar', length: 8, nullable: true })
  creditsRefillInterval!: RefillInterval | null;

  /** Start of the refill period (UTC) the balance belongs to. */
  @Column({ name: 'credits_period', type: 'timestamptz', nullable: true })
  creditsPeriod!: Date | null;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
