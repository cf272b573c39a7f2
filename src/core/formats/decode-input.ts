/**
 * Entry point: bytes or text of any supported trace file → spans, or an import error that says
 * what was wrong and what to do (formats.md §6). Detection order: size and compression (gzip is
 * opened), binary (protobuf is named), plain text, one JSON document by shape, then JSON Lines
 * and concatenated objects; a document that never closes is reported as cut off.
 * Never throws; the decode is one linear pass with no recursion into the document.
 */
import { DecodeSink } from './decode-sink.ts';
import { decodeDocument } from './decode-document.ts';
import { emptyInput, fail, notJson, noSpans, truncatedJson, unknownShape } from './import-errors.ts';
import { lineColumnAt, scanTopLevelValues } from './json-scanner.ts';
import { decodeConcatenated, decodeJsonLines, looksLikeJsonLines, messageOf, type StreamOutcome } from './json-stream.ts';
import { readInputText } from './read-input.ts';
import type { DecodeOutcome, ProgressFn } from './types.ts';

export interface DecodeOptions {
  /** Prefixes error messages; detection always looks at the content, never the name. */
  readonly fileName?: string;
  readonly onProgress?: ProgressFn;
}

export async function decodeInput(input: Uint8Array | string, options: DecodeOptions = {}): Promise<DecodeOutcome> {
  return guarded(() => decode(input, options), options);
}

/**
 * The rest of `decodeInput` for a document already parsed from the text of a whole file (the chunked
 * reader's): the same result, warnings and errors as `decodeInput` of that text.
 */
export async function decodeParsedDocument(doc: unknown, options: DecodeOptions = {}): Promise<DecodeOutcome> {
  return guarded(async () => {
    const { onProgress } = options;
    const sink = new DecodeSink(onProgress && ((fraction, phase) => onProgress(0.3 + 0.7 * fraction, phase)));
    return decodeParsed(doc, sink, onProgress);
  }, options);
}

async function guarded(run: () => Promise<DecodeOutcome>, options: DecodeOptions): Promise<DecodeOutcome> {
  try {
    const outcome = await run();
    if (outcome.ok || !options.fileName) return outcome;
    return { ok: false, error: { ...outcome.error, message: `${options.fileName}: ${outcome.error.message}` } };
  } catch (error) {
    return fail(
      'not-json',
      `The file could not be read: ${messageOf(error)}.`,
      'This is a bug in the viewer or a very unusual file; please report it with the file if you can.',
    );
  }
}

async function decode(input: Uint8Array | string, { onProgress }: DecodeOptions): Promise<DecodeOutcome> {
  const read = await readInputText(input, onProgress);
  if (!read.ok) return read;
  const { text } = read;
  const start = firstNonSpace(text);
  if (start < 0) return emptyInput();
  const first = text[start];
  if (first !== '{' && first !== '[') return notJson(describeText(text, start));

  onProgress?.(0.05, 'parsing JSON');
  const sink = new DecodeSink(onProgress && ((fraction, phase) => onProgress(0.3 + 0.7 * fraction, phase)));
  for (const note of read.notes ?? []) sink.warn(note);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    return decodeUnparsable(text, start, sink, error);
  }
  return decodeParsed(doc, sink, onProgress);
}

function decodeParsed(doc: unknown, sink: DecodeSink, onProgress: ProgressFn | undefined): DecodeOutcome {
  onProgress?.(0.3, 'decoding spans');
  const outcome = decodeDocument(doc, sink);
  if (!outcome.ok) return unknownShape(outcome.keys, outcome.note);
  return finish(sink, outcome, outcome.emptyNote);
}

function decodeUnparsable(text: string, start: number, sink: DecodeSink, error: unknown): DecodeOutcome {
  let stream: StreamOutcome | undefined;
  if (looksLikeJsonLines(text, start)) {
    stream = decodeJsonLines(text, sink);
    if (!stream) return notJson('No line of this JSON Lines file is a trace document.');
    return finish(sink, stream);
  }
  const scan = scanTopLevelValues(text, 2);
  if (scan.values.length === 0 && scan.unterminated) {
    const end = lineColumnAt(text, text.length);
    const inside = scan.unterminated.inString ? 'inside a string' : `with ${scan.unterminated.depth} object(s) or list(s) still open`;
    return truncatedJson(`at line ${end.line}, column ${end.column} (${text.length} characters) ${inside}`);
  }
  if (scan.values.length >= 1) {
    stream = decodeConcatenated(text, sink);
    if (stream) return finish(sink, stream);
  }
  return notJson(`Not valid JSON: ${syntaxWhere(text, error)}.`);
}

function finish(sink: DecodeSink, outcome: StreamOutcome, emptyNote?: string): DecodeOutcome {
  const result = sink.finish(outcome.format, outcome.envelope);
  if (result.spans.length > 0) return { ok: true, result };
  const firstSkip = result.skipped[0];
  if (firstSkip)
    return noSpans(
      `No span could be read: ${result.skipped.length} item(s) were skipped. First problem at ${firstSkip.line ? `line ${firstSkip.line}, ` : ''}${firstSkip.path}: ${firstSkip.reason}`,
    );
  return noSpans(emptyNote ?? `The ${outcome.envelope} holds no spans.`);
}

function firstNonSpace(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9 && c !== 0xfeff) return i;
  }
  return -1;
}

function describeText(text: string, start: number): string {
  const head = text.slice(start, start + 60).split('\n')[0] ?? '';
  if (head.startsWith('<')) return `This is HTML or XML, not JSON (it starts with "${head}"). It may be a login page or a proxy error instead of the trace.`;
  return `This is plain text, not JSON: it starts with "${head}${text.length - start > 60 ? '…' : ''}".`;
}

/** The parser's message plus line and column when the engine reports a position. */
function syntaxWhere(text: string, error: unknown): string {
  const message = messageOf(error);
  const position = /position (\d+)/.exec(message);
  if (!position || /\(line \d+/.test(message)) return message;
  const { line, column } = lineColumnAt(text, Number(position[1]));
  return `${message} (line ${line}, column ${column})`;
}
