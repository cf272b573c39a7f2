/**
 * Absolute time is epoch nanoseconds as a branded bigint (exact: ns epochs exceed 2^53).
 * Time inside a trace is a plain number of nanoseconds from the trace start: exact for 104 days.
 */
declare const epochNsBrand: unique symbol;
export type EpochNs = bigint & { readonly [epochNsBrand]: true };

export const epochNs = (value: bigint): EpochNs => value as EpochNs;

/** Parses decimal nanoseconds given as a string or number. Returns undefined when it is not an integer. */
export function parseEpochNs(raw: unknown): EpochNs | undefined {
  if (typeof raw === 'bigint') return epochNs(raw);
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) return undefined;
    return epochNs(BigInt(Math.trunc(raw)));
  }
  if (typeof raw === 'string') {
    const text = raw.trim();
    if (!/^-?\d{1,30}$/.test(text)) return undefined;
    return epochNs(BigInt(text));
  }
  return undefined;
}

const isoPattern = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/;

/** Parses an ISO 8601 / RFC 3339 time with up to nanosecond fractions, exactly. No zone means UTC. */
export function parseIsoToEpochNs(text: string): EpochNs | undefined {
  const match = isoPattern.exec(text.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, frac = '', zone = 'Z'] = match;
  const millis = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (!Number.isFinite(millis)) return undefined;
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
  }
  const fractionNs = BigInt(frac.padEnd(9, '0') || '0');
  return epochNs(BigInt(millis - offsetMinutes * 60_000) * 1_000_000n + fractionNs);
}

/** Formats a duration in nanoseconds for people: 850ns, 12.3µs, 4.56ms, 1.23s, 2m 3s. */
export function formatDuration(ns: number): string {
  if (!Number.isFinite(ns)) return '—';
  const abs = Math.abs(ns);
  if (abs < 1_000) return `${Math.round(ns)}ns`;
  if (abs < 1_000_000) return `${trim(ns / 1_000)}µs`;
  if (abs < 1_000_000_000) return `${trim(ns / 1_000_000)}ms`;
  if (abs < 60_000_000_000) return `${trim(ns / 1_000_000_000)}s`;
  const minutes = Math.floor(abs / 60_000_000_000);
  const seconds = Math.round((abs % 60_000_000_000) / 1_000_000_000);
  return `${ns < 0 ? '-' : ''}${minutes}m ${seconds}s`;
}

function trim(value: number): string {
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return Number(value.toFixed(digits)).toString();
}

/** Epoch nanoseconds to an ISO string with microseconds (Date only holds milliseconds). */
export function formatEpochNs(ns: EpochNs): string {
  const millis = Number(ns / 1_000_000n);
  const date = new Date(millis);
  if (Number.isNaN(date.getTime())) return ns.toString();
  const micros = Number((ns / 1000n) % 1000n);
  return date.toISOString().replace(/\.(\d{3})Z$/, (_, ms: string) => `.${ms}${String(Math.abs(micros)).padStart(3, '0')}Z`);
}
