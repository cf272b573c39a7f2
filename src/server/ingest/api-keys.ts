/**
 * API keys for the receivers. With keys configured, a request must carry one in
 * `x-junjo-api-key` (Junjo's exporter), `x-api-key` (older Junjo) or `Authorization: Bearer`.
 * Keys are compared through their SHA-256 digests in constant time.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export type KeyCheck = { readonly ok: true } | { readonly ok: false; readonly message: 'Missing x-junjo-api-key header' | 'Invalid API key' };

const digest = (key: string): Buffer => createHash('sha256').update(key, 'utf8').digest();

export class ApiKeys {
  private readonly digests: readonly Buffer[];

  constructor(keys: readonly string[]) {
    this.digests = keys.map(digest);
  }

  get required(): boolean {
    return this.digests.length > 0;
  }

  /** `get` returns a header or metadata value by lower-case name. */
  check(get: (name: string) => string | undefined): KeyCheck {
    if (!this.required) return { ok: true };
    const bearer = /^Bearer\s+(.+)$/i.exec(get('authorization') ?? '')?.[1];
    const key = get('x-junjo-api-key') ?? get('x-api-key') ?? bearer;
    if (key === undefined || key === '') return { ok: false, message: 'Missing x-junjo-api-key header' };
    const given = digest(key.trim());
    return this.digests.some((d) => timingSafeEqual(d, given)) ? { ok: true } : { ok: false, message: 'Invalid API key' };
  }
}
