/**
 * The catalog of import failures: every message says what was wrong, and every hint what to do.
 * Kept in one place so the wording stays consistent across decoders.
 */
import type { DecodeOutcome, ImportError, ImportErrorCode } from './types.ts';

export const maxInputBytes = 512 * 1024 * 1024;

const acceptedFormats =
  'OTLP JSON (resourceSpans, Tempo batches or {trace}, Jaeger v3 {result}), OTLP JSON Lines, Jaeger JSON ({data:[…]} or a trace), Junjo AI Studio span rows, or Python ConsoleSpanExporter output';

export type ImportFailure = Extract<DecodeOutcome, { readonly ok: false }>;

export const fail = (code: ImportErrorCode, message: string, hint: string): ImportFailure => ({
  ok: false,
  error: { code, message, hint } satisfies ImportError,
});

export const emptyInput = (): ImportFailure =>
  fail('empty', 'The file is empty.', 'Choose the exported trace file again; the export may have failed or not finished.');

export const tooLarge = (bytes: number, afterGunzip = false): ImportFailure =>
  fail(
    'too-large',
    `The input is ${afterGunzip ? 'over ' : ''}${Math.round(bytes / (1024 * 1024))} MB${afterGunzip ? ' once decompressed' : ''}; the limit is ${maxInputBytes / (1024 * 1024)} MB.`,
    'Export a single trace, or split the file (JSON Lines files can be cut at any line break).',
  );

export const binaryProtobuf = (framed: boolean): ImportFailure =>
  fail(
    'binary-protobuf',
    framed
      ? 'This is binary OTLP protobuf (length-prefixed TracesData), not JSON.'
      : 'This file is binary, not text: it is not JSON. It may be OTLP protobuf.',
    'Re-export as JSON: set `format: json` on the collector file exporter, or fetch from Tempo with `Accept: application/json`.',
  );

export const compressed = (kind: string): ImportFailure =>
  fail('compressed', `The file is ${kind}-compressed; only gzip is opened directly.`, `Decompress it first (for zstd: \`zstd -d file\`), or export with gzip or no compression.`);

export const brokenGzip = (detail: string): ImportFailure =>
  fail('compressed', `The gzip data could not be decompressed (${detail}); the file is damaged or cut off.`, 'Download or export the file again.');

export const notJson = (what: string): ImportFailure =>
  fail('not-json', what, `Open a JSON trace export: ${acceptedFormats}.`);

export const truncatedJson = (where: string): ImportFailure =>
  fail(
    'truncated-json',
    `The JSON ends too early, ${where}: the file was cut off.`,
    'Download or export it again; if it came from Tempo or a proxy, check its response size limits.',
  );

export const unknownShape = (keys: readonly string[], note = ''): ImportFailure =>
  fail(
    'unknown-shape',
    `This JSON is not a trace format this viewer knows. ${keys.length > 0 ? `Top-level keys: ${keys.slice(0, 12).map((k) => `"${k}"`).join(', ')}${keys.length > 12 ? ', …' : ''}.` : 'It has no top-level keys.'}${note ? ` ${note}` : ''}`,
    `Accepted: ${acceptedFormats}.`,
  );

export const noSpans = (what: string): ImportFailure =>
  fail('no-spans', what, 'Check that the trace id and time range are right, or export the trace again.');
