/**
 * Text that is not one JSON document: JSON Lines (collector file exporter: one TracesData per
 * line) or concatenated objects (Python console exporter, pretty-printed). Each document is
 * decoded on its own, so one bad line or object is skipped with its line number and the rest
 * survive. Returns the format seen, or undefined when no document was usable.
 */
import type { DecodeSink } from './decode-sink.ts';
import { decodeDocument, type DocumentOutcome } from './decode-document.ts';
import { quoteNonFiniteNumbers, scanTopLevelValues } from './json-scanner.ts';
import type { FormatId } from './types.ts';

export interface StreamOutcome {
  readonly format: FormatId;
  readonly envelope: string;
}

/** True when the first non-blank line is a JSON object or list by itself and more lines follow. */
/** JSON Lines: one of the first few non-empty lines (not only the first: it may be the bad one) is an object or array. */
export function looksLikeJsonLines(text: string, start: number): boolean {
  const newline = text.indexOf('\n', start);
  if (newline < 0 || text.slice(newline).trim() === '') return false;
  let offset = start;
  for (let tried = 0; tried < 5 && offset < text.length; ) {
    let end = text.indexOf('\n', offset);
    if (end < 0) end = text.length;
    const line = text.slice(offset, end);
    offset = end + 1;
    if (line.trim() === '') continue;
    tried++;
    try {
      const value: unknown = JSON.parse(line);
      if (typeof value === 'object' && value !== null) return true;
    } catch {
      // try the next line
    }
  }
  return false;
}

export function decodeJsonLines(text: string, sink: DecodeSink): StreamOutcome | undefined {
  let seen: DocumentOutcome | undefined;
  let documents = 0;
  let lineNumber = 0;
  for (let offset = 0; offset < text.length; ) {
    let end = text.indexOf('\n', offset);
    if (end < 0) end = text.length;
    lineNumber++;
    const lineText = text.slice(offset, end);
    sink.done = end / text.length;
    offset = end + 1;
    if (lineText.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(lineText);
    } catch (error) {
      sink.skip(`line ${lineNumber}`, `not valid JSON (${messageOf(error)}); the line was skipped`, lineNumber);
      continue;
    }
    const outcome = decodeDocument(value, sink, '', lineNumber);
    if (!outcome.ok) sink.skip(`line ${lineNumber}`, `not a trace document (keys: ${outcome.keys.slice(0, 6).join(', ') || 'none'}); the line was skipped`, lineNumber);
    else {
      documents++;
      seen ??= outcome;
    }
  }
  if (!seen?.ok) return undefined;
  return streamOutcome(seen.format, `JSON Lines (${documents} document${documents === 1 ? '' : 's'})`);
}

/** Concatenated top-level objects, split by the brace/string-aware scanner. */
export function decodeConcatenated(text: string, sink: DecodeSink): StreamOutcome | undefined {
  const scan = scanTopLevelValues(text);
  let seen: DocumentOutcome | undefined;
  for (let i = 0; i < scan.values.length; i++) {
    const { start, end, line } = scan.values[i]!;
    sink.done = end / text.length;
    const value = parseLenient(text.slice(start, end));
    if (value instanceof Error) {
      const error = value;
      sink.skip(`object ${i + 1}`, `not valid JSON (${messageOf(error)}); the object starting on line ${line} was skipped`, line);
      continue;
    }
    const outcome = decodeDocument(value, sink, '', line);
    if (!outcome.ok) sink.skip(`object ${i + 1}`, `not a trace document (keys: ${outcome.keys.slice(0, 6).join(', ') || 'none'})`, line);
    else seen ??= outcome;
  }
  if (scan.unterminated)
    sink.skip('end of file', `the object starting on line ${scan.unterminated.line} is cut off; it was skipped`, scan.unterminated.line);
  if (scan.stray) sink.skip(`line ${scan.stray.line}`, `text outside any JSON object on line ${scan.stray.line}; reading stopped there`, scan.stray.line);
  if (!seen?.ok) return undefined;
  const count = scan.values.length;
  return seen.format === 'python-console'
    ? { format: 'python-console', envelope: `Python ConsoleSpanExporter output (${count} objects)` }
    : streamOutcome(seen.format, `concatenated JSON documents (${count})`);
}

/** JSON.parse, retried with Python's bare NaN/Infinity quoted; the first error when both fail. */
function parseLenient(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const quoted = quoteNonFiniteNumbers(text);
    if (quoted === text) return error instanceof Error ? error : new Error(String(error));
    try {
      return JSON.parse(quoted) as unknown;
    } catch {
      return error instanceof Error ? error : new Error(String(error));
    }
  }
}

function streamOutcome(format: FormatId, envelope: string): StreamOutcome {
  return { format: format === 'otlp-json' ? 'otlp-jsonl' : format, envelope };
}

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
