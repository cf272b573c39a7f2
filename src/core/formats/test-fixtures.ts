/**
 * Test helpers: read fixture files and decode them. Used only by *.test.ts (may use node:fs
 * because tests run in Node; the layout check allows that only in test files, so this helper
 * takes the file reader as an argument instead of importing node:fs itself).
 */
import type { SpanRecord } from '../model/span.ts';
import { decodeInput } from './decode-input.ts';
import type { DecodeResult } from './types.ts';

export const fixturesDir = 'fixtures';

/** Decodes input and fails the test with the import error when it does not decode. */
export async function decodeOk(input: Uint8Array | string): Promise<DecodeResult> {
  const outcome = await decodeInput(input);
  if (!outcome.ok) throw new Error(`expected a decode, got ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.result;
}

/** The single span with this id, failing when there is none or several. */
export function spanById(spans: readonly SpanRecord[], spanId: string): SpanRecord {
  const found = spans.filter((s) => s.spanId === spanId);
  if (found.length !== 1) throw new Error(`expected one span ${spanId}, found ${found.length}`);
  return found[0]!;
}
