import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { Algorithm, hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { ErrorDetail } from '../common/errors';

/** OWASP's argon2id minimum (m=19 MiB, t=2, p=1). Hashing runs on libuv's pool, off the loop. */
export const ARGON2_OPTIONS = {
  algorithm: Algorithm.Argon2id,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** ~49k most common passwords, bundled with zxcvbn-ts: checked locally, no network call. */
const COMMON_PASSWORDS = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));

@Injectable()
export class PasswordService implements OnModuleInit {
  private dummyHash = '';

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    this.dummyHash = await hash('keyward-dummy-password-for-timing', ARGON2_OPTIONS);
  }

  /**
   * NIST SP 800-63B-4: length and a blocklist, no composition rules. Both judge the password as
   * it is hashed (NFKC), so a full-width spelling of a common password is just as common.
   */
  check(password: string, field = 'password'): ErrorDetail[] {
    const normalized = password.normalize('NFKC');
    const min = this.config.passwordMinLength;
    const max = this.config.passwordMaxLength;
    const length = [...normalized].length;
    if (length < min) return [{ field, problem: `must be at least ${min} characters` }];
    if (length > max) return [{ field, problem: `must be at most ${max} characters` }];
    if (COMMON_PASSWORDS.has(normalized.toLowerCase())) {
      return [{ field, problem: 'is too common; choose a longer, less predictable passphrase' }];
    }
    return [];
  }

  hash(password: string): Promise<string> {
    return hash(password.normalize('NFKC'), ARGON2_OPTIONS);
  }

  /**
   * Always does the full argon2 work, against a dummy hash when there is no user, so the answer
   * time does not tell whether an email has an account.
   */
  async verify(storedHash: string | undefined, password: string): Promise<boolean> {
    const ok = await verify(storedHash ?? this.dummyHash, password.normalize('NFKC')).catch(
      () => false,
    );
    return storedHash !== undefined && ok;
  }
}
