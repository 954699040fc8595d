import { Injectable } from '@nestjs/common';
import type { IpAllowlist } from './ip-allowlist';

/**
 * Where a key may be used from: the one rule behind keyed requests (KeyAllowlistGuard) and
 * verification. Takes a cached key or its principal (both carry the compiled allowlist).
 */
@Injectable()
export class KeyAccessPolicy {
  /**
   * Whether a request from `ip` may use the key. A key without an allowlist may be used from
   * anywhere; one with an allowlist fails closed when the address is unknown.
   */
  ipAllowed(key: { readonly allowlist: IpAllowlist | null }, ip: string | undefined): boolean {
    if (key.allowlist === null) return true;
    return ip !== undefined && key.allowlist.allows(ip);
  }
}
