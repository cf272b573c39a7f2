import type { HrTime } from '@opentelemetry/api';

/** 2026-11-20T10:00:00Z, the base epoch of every generated sample (seconds). */
const BASE_EPOCH_SECONDS = 1_795_168_800;

/**
 * A simulated clock: integer nanoseconds since a fixed epoch. Nothing sleeps; callers advance
 * it explicitly so generation is instant and byte-for-byte repeatable.
 */
export class SimClock {
  private offsetNs = 0;

  constructor(private readonly epochSeconds: number = BASE_EPOCH_SECONDS) {}

  /** Nanoseconds since the epoch of this clock (exact while below 2^53, about 104 days). */
  get nowNs(): number {
    return this.offsetNs;
  }

  advanceMs(ms: number): void {
    if (ms < 0) throw new Error(`SimClock cannot go back in time (${ms} ms)`);
    this.offsetNs += Math.round(ms * 1e6);
  }

  /** Moves the clock to an absolute offset (never backwards). */
  advanceToNs(ns: number): void {
    if (ns > this.offsetNs) this.offsetNs = ns;
  }

  /** The current time as an OpenTelemetry HrTime tuple, exact to the nanosecond. */
  hr(): HrTime {
    return toHrTime(this.epochSeconds, this.offsetNs);
  }

  hrAtNs(ns: number): HrTime {
    return toHrTime(this.epochSeconds, ns);
  }

  /** Epoch nanoseconds as a decimal string (for hand-built OTLP JSON). */
  epochNsString(ns: number = this.offsetNs): string {
    return (BigInt(this.epochSeconds) * 1_000_000_000n + BigInt(ns)).toString();
  }
}

function toHrTime(epochSeconds: number, offsetNs: number): HrTime {
  const seconds = Math.floor(offsetNs / 1e9);
  return [epochSeconds + seconds, offsetNs - seconds * 1e9];
}

/** mulberry32: a tiny, fast, seeded PRNG. Good enough for sample data, not for anything else. */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A float in [min, max). */
  range(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** An integer in [min, max] (inclusive). */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('Prng.pick on an empty list');
    return item;
  }

  /** `n` lower-case hex digits. */
  hex(n: number): string {
    let out = '';
    for (let i = 0; i < n; i++) out += Math.floor(this.next() * 16).toString(16);
    return out;
  }
}
