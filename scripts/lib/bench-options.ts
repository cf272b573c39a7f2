/**
 * Command-line options of `npm run bench` (listed in scripts/bench.ts). `parseOptions` reads
 * `--name=value` arguments over the defaults and throws a UsageError, whose message is meant for
 * the user as is, on an unknown option or a value that is not a positive whole number.
 */
/** Which generated files to measure: the plain OTLP trace, or Junjo-heavy traces as Jaeger or OTLP JSON. */
export type TraceKind = 'junjo-jaeger' | 'junjo-otlp' | 'plain';
export const TRACE_KINDS: readonly TraceKind[] = ['junjo-jaeger', 'junjo-otlp', 'plain'];

/**
 * Parts of `npm run bench`: load (the span files), many (many one-span traces), analysis (with the graph
 * layouts), graph (the graph layouts alone, quick), server (bench-server.ts).
 */
export type Section = 'load' | 'many' | 'analysis' | 'graph' | 'server';
export const SECTIONS: readonly Section[] = ['load', 'many', 'analysis', 'graph', 'server'];

export interface Options {
  readonly build: boolean;
  readonly sizes: readonly number[];
  readonly kinds: readonly TraceKind[];
  readonly runs: number;
  readonly maxFrames: number;
  readonly timeLimitS: number;
  /** Only the worker's phases in Node (no browser): quick, and what `node --cpu-prof` should look at. */
  readonly nodeOnly: boolean;
  /** The sections to run (--only or BENCH_ONLY); all by default. */
  readonly only: readonly Section[];
  /** Trace counts of the many-traces files (--many or BENCH_MANY). */
  readonly manyTraces: readonly number[];
}

export const DEFAULT_SIZES = [1_000, 10_000, 50_000] as const;
export const DEFAULT_MANY = [10_000, 50_000] as const;

/**
 * Environment variables, for `npm run bench` (whose two scripts both read them): BENCH_ONLY=load,many
 * (sections), BENCH_SIZES=50000, BENCH_KINDS=junjo-jaeger, BENCH_MANY=50000, BENCH_RUNS=1. Arguments win.
 */
export function envArgs(env: Record<string, string | undefined> = process.env): string[] {
  const names = { BENCH_ONLY: 'only', BENCH_SIZES: 'sizes', BENCH_KINDS: 'kinds', BENCH_MANY: 'many', BENCH_RUNS: 'runs' } as const;
  return Object.entries(names).flatMap(([variable, option]) => (env[variable] ? [`--${option}=${env[variable]}`] : []));
}

/** Whether `section` runs, from BENCH_ONLY alone (bench-server.ts reads only that). */
export const sectionRuns = (section: Section, env: Record<string, string | undefined> = process.env): boolean =>
  !env.BENCH_ONLY || env.BENCH_ONLY.split(',').includes(section);

export function parseOptions(argv: readonly string[]): Options {
  let options: Options = { build: true, sizes: [...DEFAULT_SIZES], kinds: [...TRACE_KINDS], runs: 1, maxFrames: 600, timeLimitS: 600, nodeOnly: false, only: [...SECTIONS], manyTraces: [...DEFAULT_MANY] };
  const positive = (name: string, raw: string): number => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) throw new UsageError(`--${name} needs a positive whole number, got "${raw}".`);
    return value;
  };
  for (const arg of argv) {
    const [name, raw = ''] = arg.replace(/^--/, '').split('=', 2) as [string, string?];
    if (arg === '--no-build') options = { ...options, build: false };
    else if (arg === '--node') options = { ...options, nodeOnly: true };
    else if (name === 'sizes') options = { ...options, sizes: raw.split(',').map((s) => positive('sizes', s.replaceAll('_', ''))) };
    else if (name === 'kinds') {
      const kinds = raw.split(',');
      const unknown = kinds.find((k) => !TRACE_KINDS.includes(k as TraceKind));
      if (unknown !== undefined) throw new UsageError(`--kinds takes ${TRACE_KINDS.join(', ')}; got "${unknown}".`);
      options = { ...options, kinds: kinds as TraceKind[] };
    } else if (name === 'only') {
      const only = raw.split(',');
      const unknown = only.find((k) => !SECTIONS.includes(k as Section));
      if (unknown !== undefined) throw new UsageError(`--only (BENCH_ONLY) takes ${SECTIONS.join(', ')}; got "${unknown}".`);
      options = { ...options, only: only as Section[] };
    } else if (name === 'many') options = { ...options, manyTraces: raw.split(',').map((s) => positive('many', s.replaceAll('_', ''))) };
    else if (name === 'runs') options = { ...options, runs: positive('runs', raw) };
    else if (name === 'max-frames') options = { ...options, maxFrames: positive('max-frames', raw) };
    else if (name === 'time-limit') options = { ...options, timeLimitS: positive('time-limit', raw) };
    else throw new UsageError(`Unknown option "${arg}". Options: --no-build, --node, --sizes=${DEFAULT_SIZES.join(',')}, --kinds=${TRACE_KINDS.join(',')}, --runs=1, --max-frames=600, --time-limit=600, --only=${SECTIONS.join(',')}, --many=${DEFAULT_MANY.join(',')}.`);
  }
  return options;
}

export class UsageError extends Error {}
