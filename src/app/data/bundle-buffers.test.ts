import { describe, expect, it } from 'vitest';
import { decodeInput } from '../../core/formats/decode-input.ts';
import { buildTraces } from '../../core/trace/build-traces.ts';
import { bundleTransfer, bundleTypedArrays, unbundleTypedArrays } from './bundle-buffers.ts';
import { packTraces } from './pack-traces.ts';
import { unpackTraces } from './unpack-traces.ts';

/** `n` one-span traces in one OTLP JSON file, with an attribute each. */
async function manyTraces(n: number) {
  const spans = Array.from({ length: n }, (_, i) => ({
    traceId: `a${(i + 1).toString(16).padStart(31, '0')}`,
    spanId: `b${(i + 1).toString(16).padStart(15, '0')}`,
    name: `run ${i}`,
    startTimeUnixNano: String(1700000000000000000n + BigInt(i) * 1000n),
    endTimeUnixNano: String(1700000000000000000n + BigInt(i) * 1000n + 500n),
    attributes: [{ key: 'n', value: { intValue: String(i) } }, { key: 'ok', value: { boolValue: i % 2 === 0 } }],
  }));
  const decoded = await decodeInput(JSON.stringify({ resourceSpans: [{ resource: {}, scopeSpans: [{ scope: {}, spans }] }] }));
  if (!decoded.ok) throw new Error(decoded.error.message);
  return buildTraces(decoded.result.spans);
}

describe('bundling the typed arrays of many packed traces', () => {
  it('posts a few buffers instead of ~20 per trace, and unpacks to the same traces', async () => {
    const loaded = await manyTraces(2000);
    const expected = unpackTraces(packTraces(loaded).packed);
    const packed = packTraces(loaded);
    expect(packed.transfer.length).toBeGreaterThan(2000 * 10);
    const bundle = bundleTypedArrays(packed.packed);
    const transfer = bundleTransfer(bundle);
    expect(transfer.length).toBeLessThanOrEqual(10);
    const received = structuredClone(bundle, { transfer });
    expect(transfer.every((buffer) => buffer.byteLength === 0)).toBe(true); // moved, not copied
    const traces = unpackTraces(unbundleTypedArrays(received));
    expect(traces).toHaveLength(2000);
    expect(traces.map((t) => t.spans[0]?.name)).toEqual(expected.map((t) => t.spans[0]?.name));
    expect(traces[1234]).toEqual(expected[1234]);
    expect(traces[1999]?.spans[0]?.attributes).toEqual(expected[1999]?.spans[0]?.attributes);
  });
});
