/**
 * Bytes or text → JSON-candidate text, or an import error. Handles gzip (via the platform's
 * DecompressionStream, with the size limit applied while decompressing), rejects other
 * compressions and binary data (recognising length-prefixed OTLP protobuf), and decodes UTF-8
 * or UTF-16 (by BOM, or without one by its pattern of zero bytes around ASCII text).
 *
 * Text that only looks binary in part is still opened, with a note: NUL bytes after the content
 * (a padded or preallocated file) are ignored, and JSON Lines with a few lines holding control
 * characters are read line by line (the decoder skips just those lines).
 */
import type { ProgressFn } from './types.ts';
import { type ImportFailure, binaryProtobuf, brokenGzip, compressed, emptyInput, maxInputBytes, tooLarge } from './import-errors.ts';

export type TextOutcome =
  | { readonly ok: true; readonly text: string; readonly gzipped: boolean; /** What was noticed and worked around. */ readonly notes?: readonly string[] }
  | ImportFailure;

export async function readInputText(input: Uint8Array | string, onProgress?: ProgressFn): Promise<TextOutcome> {
  if (typeof input === 'string') {
    if (input.length > maxInputBytes) return tooLarge(input.length);
    return { ok: true, text: input.charCodeAt(0) === 0xfeff ? input.slice(1) : input, gzipped: false };
  }
  let bytes = input;
  let gzipped = false;
  if (bytes.length > maxInputBytes) return tooLarge(bytes.length);
  for (let round = 0; round < 2 && bytes[0] === 0x1f && bytes[1] === 0x8b; round++) {
    onProgress?.(0, 'decompressing');
    const out = await gunzip(bytes);
    if (!(out instanceof Uint8Array)) return out;
    bytes = out;
    gzipped = true;
  }
  if (bytes.length === 0) return emptyInput();
  const compression = compressionOf(bytes);
  if (compression) return compressed(compression);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { ok: true, text: new TextDecoder('utf-16le').decode(bytes), gzipped };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { ok: true, text: new TextDecoder('utf-16be').decode(bytes), gzipped };
  const utf16 = utf16WithoutBom(bytes);
  if (utf16 !== undefined)
    return { ok: true, text: new TextDecoder(utf16).decode(bytes), gzipped, notes: [`The file is UTF-16 text (${utf16 === 'utf-16le' ? 'little' : 'big'}-endian) without a byte order mark; it was read as such.`] };
  const notes: string[] = [];
  const nuls = trailingNuls(bytes);
  if (nuls > 0 && nuls < bytes.length && !looksBinary(bytes.subarray(0, bytes.length - nuls))) {
    bytes = bytes.subarray(0, bytes.length - nuls);
    notes.push(`${nuls.toLocaleString('en-US')} NUL byte${nuls === 1 ? '' : 's'} after the content ${nuls === 1 ? 'was' : 'were'} ignored (the file may have been padded or not fully written).`);
  }
  if (looksBinary(bytes) && !isLinesWithFewBadOnes(bytes)) return binaryProtobuf(looksLikeProtobuf(bytes));
  return { ok: true, text: new TextDecoder('utf-8').decode(bytes), gzipped, ...(notes.length > 0 ? { notes } : {}) };
}

function trailingNuls(bytes: Uint8Array): number {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  return bytes.length - end;
}

/**
 * UTF-16 without a BOM: in the first KB, one byte of each pair is zero and the other printable
 * ASCII (JSON's own characters are ASCII), for nearly every pair.
 */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  const pairs = Math.min(bytes.length, 1024) >> 1;
  if (pairs < 2) return undefined;
  let le = 0;
  let be = 0;
  const printable = (c: number) => (c >= 32 && c < 127) || c === 9 || c === 10 || c === 13;
  for (let i = 0; i < pairs; i++) {
    const a = bytes[2 * i]!;
    const b = bytes[2 * i + 1]!;
    if (b === 0 && printable(a)) le++;
    if (a === 0 && printable(b)) be++;
  }
  if (le >= pairs * 0.9) return 'utf-16le';
  if (be >= pairs * 0.9) return 'utf-16be';
  return undefined;
}

/**
 * Line-structured text (JSON Lines) where only some lines hold control characters: text that
 * starts like JSON, with at least one clean line starting with "{" or "[", and fewer than half
 * of its lines (in the first 64 KB) touched.
 */
function isLinesWithFewBadOnes(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 64 * 1024);
  let lines = 0;
  let bad = 0;
  let cleanJsonLine = false;
  let lineStart = 0;
  let lineBad = false;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? bytes[i]! : 10;
    if (c === 10) {
      if (i > lineStart) {
        lines++;
        if (lineBad) bad++;
        else {
          let j = lineStart;
          while (j < i && (bytes[j] === 32 || bytes[j] === 9 || bytes[j] === 13)) j++;
          if (bytes[j] === 0x7b || bytes[j] === 0x5b) cleanJsonLine = true;
        }
      }
      lineStart = i + 1;
      lineBad = false;
    } else if (c < 32 && c !== 9 && c !== 13 && c !== 12 && c !== 27) lineBad = true;
  }
  return lines >= 2 && cleanJsonLine && bad * 2 < lines;
}

function compressionOf(b: Uint8Array): string | undefined {
  if (b[0] === 0x28 && b[1] === 0xb5 && b[2] === 0x2f && b[3] === 0xfd) return 'zstd';
  if (b[0] === 0x42 && b[1] === 0x5a && b[2] === 0x68) return 'bzip2';
  if (b[0] === 0xfd && b[1] === 0x37 && b[2] === 0x7a && b[3] === 0x58 && b[4] === 0x5a) return 'xz';
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return 'zip';
  if (b[0] === 0xff && b[1] === 0x06 && b[2] === 0x00 && b[3] === 0x00 && b[4] === 0x73) return 'snappy';
  return undefined;
}

/** Control bytes (other than tab, CR, LF, ESC, form feed) in the first KB mean binary. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 1024);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = bytes[i]!;
    if (c === 0) return true;
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 27) control++;
  }
  const first = bytes[0]!;
  const startsWithControl = first < 32 && first !== 9 && first !== 10 && first !== 13;
  return control > 8 || control / n > 0.02 || (control > 0 && startsWithControl);
}

/**
 * OTLP protobuf TracesData starts with field 1 (resource_spans), tag 0x0a. File exporters prefix
 * each message with a 4-byte big-endian length; gRPC frames add a compression flag byte first.
 */
function looksLikeProtobuf(b: Uint8Array): boolean {
  if (b[0] === 0x0a) return true;
  const length = (offset: number) => ((b[offset]! << 24) | (b[offset + 1]! << 16) | (b[offset + 2]! << 8) | b[offset + 3]!) >>> 0;
  if (b.length > 5 && b[4] === 0x0a && length(0) > 0 && length(0) <= b.length - 4) return true;
  return b.length > 6 && (b[0] === 0 || b[0] === 1) && b[5] === 0x0a && length(1) > 0 && length(1) <= b.length - 5;
}

async function gunzip(bytes: Uint8Array): Promise<Uint8Array | ImportFailure> {
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
  const reader = source.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxInputBytes) {
        await reader.cancel().catch(() => undefined);
        return tooLarge(total, true);
      }
      chunks.push(value);
    }
  } catch (error) {
    return brokenGzip(error instanceof Error ? error.message : String(error));
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
