import { createHash } from 'node:crypto';
import type { IdGenerator } from '@opentelemetry/sdk-trace-base';
import type { Prng } from './sim-clock.ts';

const NANOID_ALPHABET = 'useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict';

/** A 21-character id in nanoid's URL-safe alphabet, as Junjo's runtime ids are. */
export function nanoid(prng: Prng): string {
  let id = '';
  for (let i = 0; i < 21; i++) id += NANOID_ALPHABET.charAt(Math.floor(prng.next() * 64));
  return id;
}

/**
 * A Junjo structural id: `graph_`/`node_`/`edge_` plus 32 hex digits. Derived from names, so the
 * same topology always yields the same ids (as in the SDK, where they are stable across runs).
 */
export function structuralId(kind: 'graph' | 'node' | 'edge', ...parts: string[]): string {
  const digest = createHash('sha256').update(`${kind}\u0000${parts.join('\u0000')}`).digest('hex');
  return `${kind}_${digest.slice(0, 32)}`;
}

/** Trace and span ids from a seeded PRNG, so generated files are stable across runs. */
export class SeededIdGenerator implements IdGenerator {
  constructor(private readonly prng: Prng) {}

  generateTraceId(): string {
    return this.nonZeroHex(32);
  }

  generateSpanId(): string {
    return this.nonZeroHex(16);
  }

  private nonZeroHex(n: number): string {
    for (;;) {
      const id = this.prng.hex(n);
      if (/[^0]/.test(id)) return id;
    }
  }
}
