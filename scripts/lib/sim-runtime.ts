import { context, trace, type Attributes, type Span, type SpanKind, type Tracer } from '@opentelemetry/api';
import type { SimClock } from './sim-clock.ts';

/**
 * Simulated asyncio. A Task is a generator that yields how many milliseconds it "awaits";
 * `drive` advances the clock by that much, `gather` interleaves several tasks by wake-up time.
 * Everything runs synchronously, so timestamps come from the simulated clock alone.
 */
export type Task<T = void> = Generator<number, T, void>;

/** Thrown into tasks that `gather` cancels after a sibling failed. */
class CancelledError extends Error {
  constructor(readonly reason: 'sibling_failed' | 'cancelled') {
    super(`cancelled: ${reason}`);
    this.name = 'CancelledError';
  }
}

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** Called before the span ends when the body throws (not for cancellation). */
  onError?: (span: Span, error: unknown) => void;
  /** Called before the span ends when the body is cancelled. */
  onCancel?: (span: Span, error: CancelledError) => void;
  /** Called just before a successful end (for attributes known only at the end). */
  onEnd?: (span: Span) => void;
}

/** Runs `body` inside a new span that is the active span on every resume of the body. */
export function* withSpan<T>(
  tracer: Tracer,
  clock: SimClock,
  name: string,
  options: SpanOptions,
  body: (span: Span) => Task<T>,
): Task<T> {
  const parent = context.active();
  const span = tracer.startSpan(name, { kind: options.kind, attributes: options.attributes, startTime: clock.hr() }, parent);
  const ctx = trace.setSpan(parent, span);
  const gen = context.with(ctx, () => body(span));
  let resume: () => IteratorResult<number, T> = () => gen.next();
  try {
    for (;;) {
      const step = context.with(ctx, resume);
      if (step.done) {
        options.onEnd?.(span);
        span.end(clock.hr());
        return step.value;
      }
      try {
        yield step.value;
        resume = () => gen.next();
      } catch (error) {
        resume = () => gen.throw(error);
      }
    }
  } catch (error) {
    if (error instanceof CancelledError) options.onCancel?.(span, error);
    else options.onError?.(span, error);
    span.end(clock.hr());
    throw error;
  }
}

interface Running {
  gen: Task<unknown>;
  wakeNs: number;
  done: boolean;
}

/**
 * Runs tasks concurrently (like asyncio.gather / a TaskGroup): each task starts `staggerMs`
 * after the previous one, and the task with the earliest wake-up time runs next. When one
 * fails, the unfinished ones are cancelled with `sibling_failed` and the first error is re-thrown.
 */
export function* gather(clock: SimClock, tasks: Array<() => Task<unknown>>, staggerMs = 0.05): Task {
  const startNs = clock.nowNs;
  const running: Running[] = tasks.map((make, i) => ({
    gen: make(),
    wakeNs: startNs + Math.round(i * staggerMs * 1e6),
    done: false,
  }));
  for (;;) {
    const next = earliest(running);
    if (!next) return;
    if (next.wakeNs > clock.nowNs) yield (next.wakeNs - clock.nowNs) / 1e6;
    clock.advanceToNs(next.wakeNs);
    try {
      const step = next.gen.next();
      if (step.done) next.done = true;
      else next.wakeNs = clock.nowNs + Math.round(step.value * 1e6);
    } catch (error) {
      next.done = true;
      cancelAll(running);
      throw error;
    }
  }
}

function earliest(running: Running[]): Running | undefined {
  let best: Running | undefined;
  for (const r of running) if (!r.done && (!best || r.wakeNs < best.wakeNs)) best = r;
  return best;
}

function cancelAll(running: Running[]): void {
  for (const r of running) {
    if (r.done) continue;
    r.done = true;
    try {
      r.gen.throw(new CancelledError('sibling_failed'));
    } catch (error) {
      if (!(error instanceof CancelledError)) throw error;
    }
  }
}

/** Runs a task to completion, advancing the clock for every await. */
export function drive<T>(clock: SimClock, task: Task<T>): T {
  for (;;) {
    const step = task.next();
    if (step.done) return step.value;
    clock.advanceMs(step.value);
  }
}
