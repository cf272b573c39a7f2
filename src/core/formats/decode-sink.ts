/**
 * Collects what one decode produces: spans, skipped entries and warnings, plus progress.
 * Decoders call `add` for every span and `skip` for everything they pass over; the sink caps the
 * stored skip list (a broken 100k-span file must not build 100k messages) and turns counters
 * into one warning each in `finish`.
 *
 * Time policy (shared by all decoders, see `acceptTimes`): an unreadable, missing-where-required
 * or negative start/end skips the span with a reason; a span that ends before it starts is kept
 * as it is (the trace builder flags and clamps it) and counted in one warning.
 */
import type { SpanRecord } from '../model/span.ts';
import type { DecodeResult, FormatId, ImportSkip, ProgressFn } from './types.ts';
import { AttributeInterner } from './attribute-interner.ts';
import { GroupCache } from './resource-scope.ts';
import { preview } from './wire-values.ts';

const maxStoredSkips = 500;
const progressEvery = 4096;

export class DecodeSink {
  readonly spans: SpanRecord[] = [];
  readonly skipped: ImportSkip[] = [];
  readonly warnings: string[] = [];
  /** Interns resources and scopes for formats that repeat them per span. */
  readonly groups = new GroupCache();
  /** Shares identical short attributes between spans. */
  readonly attributes = new AttributeInterner();
  /** Fraction of the input done, set by decoders at group boundaries; reported every few thousand spans. */
  done = 0;
  private skippedTotal = 0;
  private endsBeforeStart = 0;
  private readonly warningSet = new Set<string>();
  private readonly onProgress: ProgressFn | undefined;

  constructor(onProgress?: ProgressFn) {
    this.onProgress = onProgress;
  }

  add(span: SpanRecord): void {
    this.spans.push(span);
    if (this.onProgress && this.spans.length % progressEvery === 0) this.onProgress(this.done, 'decoding spans');
  }

  skip(path: string, reason: string, line?: number): void {
    this.skippedTotal++;
    if (this.skipped.length < maxStoredSkips) this.skipped.push(line === undefined ? { path, reason } : { line, path, reason });
  }

  warn(message: string): void {
    if (this.warningSet.has(message)) return;
    this.warningSet.add(message);
    this.warnings.push(message);
  }

  /**
   * Applies the time policy. `start`/`end` are the parsed values (undefined = unreadable),
   * `raw*` the wire values for the message. Returns false when the span must be skipped.
   */
  acceptTimes(
    start: bigint | undefined,
    end: bigint | undefined,
    path: string,
    fields: readonly [string, string, unknown, unknown],
    line?: number,
  ): boolean {
    const [startField, endField, rawStart, rawEnd] = fields;
    if (start === undefined || start < 0n) {
      this.skip(`${path}.${startField}`, timeReason(startField, rawStart, start), line);
      return false;
    }
    if (end === undefined || end < 0n) {
      this.skip(`${path}.${endField}`, timeReason(endField, rawEnd, end), line);
      return false;
    }
    if (end < start) this.endsBeforeStart++;
    return true;
  }

  finish(format: FormatId, envelope: string): DecodeResult {
    if (this.endsBeforeStart > 0)
      this.warn(
        `${this.endsBeforeStart} span${this.endsBeforeStart === 1 ? ' ends' : 's end'} before ${this.endsBeforeStart === 1 ? 'it starts' : 'they start'}: kept, and drawn with zero length. The producer's clock or exporter is at fault.`,
      );
    if (this.skippedTotal > this.skipped.length)
      this.warn(`${this.skippedTotal} items were skipped; only the first ${this.skipped.length} are listed.`);
    this.onProgress?.(1, 'decoding spans');
    return { format, envelope, spans: this.spans, skipped: this.skipped, warnings: this.warnings };
  }
}

function timeReason(field: string, raw: unknown, parsed: bigint | undefined): string {
  if (parsed !== undefined) return `${field} is negative (${parsed}): not a real time; the span was skipped.`;
  if (typeof raw === 'number' && Number.isNaN(raw)) return `${field} is NaN; the span was skipped.`;
  return `${field} is not a readable time (got ${preview(raw)}); the span was skipped.`;
}
