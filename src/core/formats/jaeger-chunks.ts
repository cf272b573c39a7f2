/**
 * Reads a Jaeger JSON document (`{"data":[{"traceID":…,"spans":[…],"processes":{…}}], …}`) from text
 * that arrives in chunks, so the spans read so far can be shown before the whole file is there.
 *
 * A small structural scanner (string and escape aware, depth as a counter) follows the envelope:
 * the root object, its `data` list, each trace object and its `spans` list. Runs of complete span
 * objects are parsed by the native JSON.parse (`'[' + run + ']'`); every other value (processes,
 * warnings, total, …) is cut out whole and parsed the same way. The document is built as it is read
 * with the same key order and last-duplicate-wins rule as JSON.parse, so at `end()` it equals
 * `JSON.parse(text)` and the ordinary decoder reads it.
 *
 * The root may also be one trace object (`{"traceID":…,"spans":[…]}`).
 * Anything else (another root shape, a large value outside the spans lists, a syntax error, text after
 * the document, a cut-off file) makes the reader give up with a reason: the caller then reads the
 * whole file the ordinary way, which reports a broken file with its usual message.
 */

export type ChunkStep = { readonly ok: true } | { readonly ok: false; readonly reason: string };

type Container = Record<string, unknown> | unknown[];
type Role = 'root' | 'traces' | 'trace' | 'spans' | 'other';

interface Frame {
  readonly role: Role;
  readonly value: Container;
  /** What comes next: 'first' right after the opening bracket, 'key'/'colon'/'value'/'after' otherwise. */
  expect: 'first' | 'key' | 'colon' | 'value' | 'after';
  key: string;
}

/** A value being cut out: from `start`, scanned up to `scanned`, with the bracket depth and string state there. */
interface Capture {
  start: number;
  scanned: number;
  depth: number;
  inString: boolean;
  /** 'key' for an object key, 'element' for a span (batched), 'value' otherwise. */
  readonly kind: 'key' | 'value' | 'element';
}

/** Root keys of the other envelopes (OTLP, Tempo, Jaeger v3): read whole at once, not scanned. */
const otherEnvelopes = new Set(['resourceSpans', 'resource_spans', 'batches', 'result', 'trace']);

/** A value outside the spans lists this long (still open) means this is not a Jaeger file worth reading in chunks. */
const bigValue = 8 << 20;

/** Parse the pending run of spans once it holds this many characters. */
const runLimit = 64 << 20;

export class JaegerChunkReader {
  /** The document so far (its lists and objects grow as text arrives). */
  readonly root: Record<string, unknown> = {};
  private text = '';
  private at = 0;
  private readonly stack: Frame[] = [];
  private capture: Capture | undefined;
  private runStart = -1;
  private runEnd = -1;
  private started = false;
  private closed = false;
  private failure: string | undefined;
  /** Characters dropped from the front of `text` so far. */
  private dropped = 0;
  /** Spans parsed so far, over all traces. */
  spanCount = 0;

  /** Feeds the next piece of text; a failed step stays failed. */
  push(chunk: string): ChunkStep {
    if (this.failure) return { ok: false, reason: this.failure };
    this.text = this.text.length === this.at ? chunk : this.text.slice(this.at) + chunk;
    this.dropped += this.at;
    this.at = 0;
    const step = this.run();
    const compacted = step.ok ? this.compact() : step;
    if (!compacted.ok) this.failure = compacted.reason;
    return compacted;
  }

  /** After the last chunk: the whole document, or why it could not be read this way. */
  end(): { readonly ok: true; readonly doc: Record<string, unknown> } | { readonly ok: false; readonly reason: string } {
    if (this.failure) return { ok: false, reason: this.failure };
    if (!this.closed) return { ok: false, reason: this.started ? 'the document is cut off' : 'the text holds no JSON object' };
    return { ok: true, doc: this.root };
  }

  /** Characters consumed so far (for tests and progress). */
  get consumed(): number {
    return this.dropped + this.at;
  }

  private compact(): ChunkStep {
    const flushed = this.flushRun();
    if (!flushed.ok) return flushed;
    const keep = this.capture ? this.capture.start : this.at;
    if (keep === 0) return flushed;
    this.text = this.text.slice(keep);
    this.dropped += keep;
    this.at -= keep;
    if (this.capture) {
      this.capture.scanned -= keep;
      this.capture.start = 0;
    }
    return flushed;
  }

  private fail(reason: string): ChunkStep {
    return { ok: false, reason: `${reason} (at character ${this.dropped + this.at})` };
  }

  private run(): ChunkStep {
    const text = this.text;
    for (;;) {
      if (this.capture) {
        if (!this.scanCapture()) return this.capture.kind === 'value' && this.capture.scanned - this.capture.start > bigValue ? this.fail('a large value outside the spans') : { ok: true };
        const done = this.finishCapture();
        if (!done.ok) return done;
        continue;
      }
      let i = this.at;
      while (i < text.length && isSpace(text.charCodeAt(i))) i++;
      this.at = i;
      if (i >= text.length) return { ok: true };
      const c = text.charCodeAt(i);
      if (this.closed) return this.fail('text follows the end of the document');
      const frame = this.stack[this.stack.length - 1];
      if (!frame) {
        if (this.started) return this.fail('text follows the end of the document');
        if (c !== 123) return this.fail('the document is not a JSON object');
        this.started = true;
        this.stack.push({ role: 'root', value: this.root, expect: 'first', key: '' });
        this.at = i + 1;
        continue;
      }
      const isObject = !Array.isArray(frame.value);
      if (frame.expect === 'after' || frame.expect === 'first') {
        const closer = isObject ? 125 : 93;
        if (c === closer) {
          this.at = i + 1;
          const closed = this.close();
          if (!closed.ok) return closed;
          continue;
        }
        if (frame.expect === 'after') {
          if (c !== 44) return this.fail(`expected "," or "${isObject ? '}' : ']'}"`);
          this.at = i + 1;
          frame.expect = isObject ? 'key' : 'value';
          continue;
        }
        frame.expect = isObject ? 'key' : 'value';
      }
      if (frame.expect === 'key') {
        if (c !== 34) return this.fail('expected a key');
        this.capture = { start: i, scanned: i + 1, depth: 0, inString: true, kind: 'key' };
        continue;
      }
      if (frame.expect === 'colon') {
        if (c !== 58) return this.fail('expected ":"');
        this.at = i + 1;
        frame.expect = 'value';
        continue;
      }
      // A value: descend into the envelope's containers, cut out everything else.
      const child = this.childRole(frame, c);
      if (child) {
        const value: Container = c === 91 ? [] : {};
        this.attach(frame, value);
        this.stack.push({ role: child, value, expect: 'first', key: '' });
        this.at = i + 1;
        continue;
      }
      if (c === 93 || c === 125 || c === 44 || c === 58) return this.fail('expected a value');
      this.capture = { start: i, scanned: i, depth: 0, inString: false, kind: frame.role === 'spans' ? 'element' : 'value' };
    }
  }

  private childRole(frame: Frame, c: number): Role | undefined {
    if (frame.role === 'root' && frame.key === 'data' && c === 91) return 'traces';
    if (frame.role === 'root' && frame.key === 'spans' && c === 91) return 'spans';
    if (frame.role === 'traces' && c === 123) return 'trace';
    if (frame.role === 'trace' && frame.key === 'spans' && c === 91) return 'spans';
    return undefined;
  }

  private attach(frame: Frame, value: unknown): void {
    if (Array.isArray(frame.value)) frame.value.push(value);
    else frame.value[frame.key] = value;
    frame.expect = 'after';
  }

  private close(): ChunkStep {
    const flushed = this.flushRun();
    if (!flushed.ok) return flushed;
    this.stack.pop();
    const parent = this.stack[this.stack.length - 1];
    if (parent) parent.expect = 'after';
    else this.closed = true;
    return flushed;
  }

  /**
   * Scans the capture forward; true when its value is complete (then `scanned` is just past it).
   * Inside strings it jumps from quote to quote (a quote preceded by an odd number of backslashes is escaped).
   */
  private scanCapture(): boolean {
    const capture = this.capture!;
    const text = this.text;
    let i = capture.scanned;
    let depth = capture.depth;
    let inString = capture.inString;
    const n = text.length;
    const primitive = depth === 0 && !inString && capture.kind !== 'key' && text.charCodeAt(capture.start) !== 123 && text.charCodeAt(capture.start) !== 91 && text.charCodeAt(capture.start) !== 34;
    if (primitive) {
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === 44 || c === 125 || c === 93 || isSpace(c)) {
          capture.scanned = i;
          return true;
        }
        i++;
      }
      capture.scanned = i;
      return false;
    }
    while (i < n) {
      if (inString) {
        const quote = text.indexOf('"', i);
        if (quote < 0) {
          i = n;
          break;
        }
        let backslashes = 0;
        for (let b = quote - 1; text.charCodeAt(b) === 92; b--) backslashes++;
        i = quote + 1;
        if ((backslashes & 1) === 0) {
          inString = false;
          if (depth === 0) {
            capture.scanned = i;
            capture.inString = false;
            return true;
          }
        }
        continue;
      }
      const c = text.charCodeAt(i++);
      if (c === 34) inString = true;
      else if (c === 123 || c === 91) depth++;
      else if (c === 125 || c === 93) {
        depth--;
        if (depth === 0) {
          capture.scanned = i;
          capture.depth = 0;
          return true;
        }
      }
    }
    capture.scanned = i;
    capture.depth = depth;
    capture.inString = inString;
    return false;
  }

  private finishCapture(): ChunkStep {
    const capture = this.capture!;
    this.capture = undefined;
    const frame = this.stack[this.stack.length - 1]!;
    const { start, scanned: end } = capture;
    this.at = end;
    if (capture.kind === 'element') {
      if (this.runStart < 0) this.runStart = start;
      this.runEnd = end;
      frame.expect = 'after';
      if (this.runEnd - this.runStart >= runLimit) return this.flushRun();
      return { ok: true };
    }
    let value: unknown;
    try {
      value = JSON.parse(this.text.slice(start, end));
    } catch (error) {
      return this.fail(`not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (capture.kind === 'key') {
      if (value === '__proto__') return this.fail('a "__proto__" key');
      if (frame.role === 'root' && otherEnvelopes.has(value as string)) return this.fail(`not Jaeger JSON (a "${value as string}" key)`);
      frame.key = value as string;
      frame.expect = 'colon';
      return { ok: true };
    }
    this.attach(frame, value);
    return { ok: true };
  }

  /** Parses the pending run of complete spans into the current spans list. */
  private flushRun(): ChunkStep {
    if (this.runStart < 0) return { ok: true };
    const frame = this.stack[this.stack.length - 1];
    const slice = this.text.slice(this.runStart, this.runEnd);
    this.runStart = this.runEnd = -1;
    let spans: unknown[];
    try {
      spans = JSON.parse(`[${slice}]`) as unknown[];
    } catch (error) {
      return { ok: false, reason: `not valid JSON in the spans: ${error instanceof Error ? error.message : String(error)}` };
    }
    const list = frame?.role === 'spans' ? (frame.value as unknown[]) : undefined;
    if (!list) return { ok: true };
    for (let k = 0; k < spans.length; k++) list.push(spans[k]);
    this.spanCount += spans.length;
    return { ok: true };
  }
}

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;
