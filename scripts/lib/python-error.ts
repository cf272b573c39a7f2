import type { HrTime, Span } from '@opentelemetry/api';

/**
 * An exception raised by the simulated Python code. `type` is module-qualified
 * (`sample_app.errors.CounterUnderflowError`), as Junjo G2+ writes `exception.type`.
 */
export class PythonError extends Error {
  constructor(
    readonly type: string,
    message: string,
    /** Innermost-last frames: [file, line, function, source line]. */
    readonly frames: Array<[string, number, string, string]>,
  ) {
    super(message);
    this.name = type;
  }

  /** The class name alone, as Python's status descriptions use it. */
  get shortType(): string {
    return this.type.slice(this.type.lastIndexOf('.') + 1);
  }

  traceback(): string {
    const lines = ['Traceback (most recent call last):'];
    for (const [file, line, fn, source] of this.frames) {
      lines.push(`  File "${file}", line ${line}, in ${fn}`, `    ${source}`);
    }
    lines.push(`${this.type}: ${this.message}`);
    return `${lines.join('\n')}\n`;
  }
}

/**
 * The `exception` event as the Python SDK's `Span.record_exception` writes it, including
 * `exception.escaped` as the string "False" (JS `recordException` has no such attribute, so the
 * event is added directly).
 */
export function recordPythonException(span: Span, error: PythonError, time: HrTime): void {
  span.addEvent(
    'exception',
    {
      'exception.type': error.type,
      'exception.message': error.message,
      'exception.stacktrace': error.traceback(),
      'exception.escaped': 'False',
    },
    time,
  );
}

export function asPythonError(error: unknown): PythonError {
  if (error instanceof PythonError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new PythonError('builtins.RuntimeError', message, []);
}
