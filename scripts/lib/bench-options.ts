/**
 * Command-line options of `npm run bench` (listed in scripts/bench.ts). `parseOptions` reads
 * `--name=value` arguments over the defaults and throws a UsageError, whose message is meant for
 * the user as is, on an unknown option or a value that is not a positive whole number.
 */
import { BIG_TRACE_SIZES } from './make-big-trace.ts';

export interface Options {
  readonly build: boolean;
  readonly sizes: readonly number[];
  readonly runs: number;
  readonly maxFrames: number;
  readonly timeLimitS: number;
}

export function parseOptions(argv: readonly string[]): Options {
  let options: Options = { build: true, sizes: [...BIG_TRACE_SIZES], runs: 3, maxFrames: 600, timeLimitS: 300 };
  const positive = (name: string, raw: string): number => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) throw new UsageError(`--${name} needs a positive whole number, got "${raw}".`);
    return value;
  };
  for (const arg of argv) {
    const [name, raw = ''] = arg.replace(/^--/, '').split('=', 2) as [string, string?];
    if (arg === '--no-build') options = { ...options, build: false };
    else if (name === 'sizes') options = { ...options, sizes: raw.split(',').map((s) => positive('sizes', s.replaceAll('_', ''))) };
    else if (name === 'runs') options = { ...options, runs: positive('runs', raw) };
    else if (name === 'max-frames') options = { ...options, maxFrames: positive('max-frames', raw) };
    else if (name === 'time-limit') options = { ...options, timeLimitS: positive('time-limit', raw) };
    else throw new UsageError(`Unknown option "${arg}". Options: --no-build, --sizes=1000,10000,100000, --runs=3, --max-frames=600, --time-limit=300.`);
  }
  return options;
}

export class UsageError extends Error {}
