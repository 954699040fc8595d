import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  ManyToOne,
  JoinColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';
import { UserEntity } from '../users/user.entity';

/**
 * One signed-in session. Its access tokens carry its id (`sid`) so signing out refuses them at
 * once; its refresh token is stored only as a SHA-256 digest and rotates on every use.
 */
@Entity({ name: 'sessions' })
export class SessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('IDX_sessions_user_id')
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserEntity;

  @Column({ name: 'refresh_token_hash', type: 'varchar', length: 64, select: false })
  refreshTokenHash!: string;

  /**
   * How many times the refresh token rotated. Each token carries its generation under a MAC, so
   * an authentic token from an earlier generation is recognised as a replay (theft: the session
   * ends), while a forged one is merely refused: knowing a session id (it is in every access
   * token) is not enough to end someone's session.
   */
  @Column({ type: 'integer', default: 0 })
  generation!: number;

  /** The digest of the token the last rotation replaced, and when (see SessionsService.rotate). */
  @Column({
    name: 'previous_refresh_token_hash',
    type: 'varchar',
    length: 64,
    nullable: true,
    select: false,
  })
  previousRefreshTokenHash!: string | null;

  @Column({ name: 'rotated_at', type: 'timestamptz', nullable: true })
  rotatedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
