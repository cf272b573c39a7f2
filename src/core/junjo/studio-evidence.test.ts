import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { analyzeJunjo, type JunjoFound } from './analyze-junjo.ts';
import { decodeTrace } from './junjo-test-traces.ts';
import { compareWithStudio, readStudioEvidence, type StudioEvidence } from './studio-evidence.ts';

const fixture = (name: string) => readFileSync(`fixtures/junjo-studio/${name}`, 'utf8');
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Our replay of the rows inside Studio's own evidence answer. */
async function oursFor(text: string) {
  const doc = JSON.parse(text) as Json;
  const trace = await decodeTrace(JSON.stringify({ trace_id: doc.trace_id, spans: doc.spans }));
  const analysis = analyzeJunjo(trace);
  expect(analysis.kind).toBe('junjo');
  return (analysis as JunjoFound).stores;
}

const evidenceOf = (text: string): StudioEvidence => {
  const evidence = readStudioEvidence(JSON.parse(text));
  if (!evidence) throw new Error('no evidence');
  return evidence;
};

describe('readStudioEvidence', () => {
  test('keeps each store with its verdict, start state and ordered transitions', () => {
    const evidence = evidenceOf(fixture('trace-evidence.json'));
    expect(evidence.stores).toHaveLength(1);
    const [store] = evidence.stores;
    expect(store).toMatchObject({ storeId: 'store-basic-01', ownerSpanId: '1111111111111111', reconstruction: 'verified', integrity: 'complete', transitionCount: 2 });
    expect(store!.start).toEqual({ input: 'hello', output: null });
    expect(store!.transitions.map((t) => [t.sequence, t.action, t.spanId])).toEqual([[1, 'set_input', '1111111111111112'], [2, 'set_output', '1111111111111113']]);
    expect(store!.transitions[1]!.after).toEqual({ input: 'hello', output: 'HELLO' });
  });

  test('refuses what is not trace evidence, and skips unreadable stores', () => {
    expect(readStudioEvidence([])).toBeUndefined();
    expect(readStudioEvidence({ spans: [] })).toBeUndefined();
    expect(readStudioEvidence({ stores_by_id: { a: { detail: { reconstruction_status: 'maybe', transitions: [] } } } })).toEqual({ stores: [] });
  });
});

describe('compareWithStudio', () => {
  test("Studio's verified replay of the basic workflow agrees with ours", async () => {
    const text = fixture('trace-evidence.json');
    const [result] = compareWithStudio(evidenceOf(text), await oursFor(text));
    expect(result).toMatchObject({ storeId: 'store-basic-01', verdict: 'agree' });
    expect(result!.message).toMatch(/all 2 transitions match/);
  });

  test('a Studio state after transition 2 that differs from ours is named: store, transition, path', async () => {
    const text = fixture('trace-evidence-disagree.json');
    const [result] = compareWithStudio(evidenceOf(text), await oursFor(text));
    expect(result).toMatchObject({ storeId: 'store-basic-01', verdict: 'disagree', step: 2, path: '/output' });
    expect(result!.message).toBe('After transition 2 (set_output), the state differs from Junjo AI Studio\'s at /output: Studio has "HELLO!", the viewer "HELLO".');
  });

  test('a different start state disagrees at step 0', async () => {
    const doc = JSON.parse(fixture('trace-evidence.json')) as Json;
    doc.stores_by_id['store-basic-01'].detail.start.value = { input: 'bye', output: null };
    const text = JSON.stringify(doc);
    const [result] = compareWithStudio(evidenceOf(text), await oursFor(text));
    expect(result).toMatchObject({ verdict: 'disagree', step: 0, path: '/input' });
  });

  test('a store Studio could not verify is reported as such, not compared', async () => {
    const doc = JSON.parse(fixture('trace-evidence.json')) as Json;
    Object.assign(doc.stores_by_id['store-basic-01'].detail, { reconstructable: false, reconstruction_status: 'failed', reconstruction_reason: 'transition 2 is missing' });
    const text = JSON.stringify(doc);
    const [result] = compareWithStudio(evidenceOf(text), await oursFor(text));
    expect(result).toMatchObject({ verdict: 'studio-unverified' });
    expect(result!.message).toMatch(/transition 2 is missing/);
  });

  test('a store Studio verified that our trace lacks, and one more transition on our side', async () => {
    const text = fixture('trace-evidence.json');
    const ours = await oursFor(text);
    const evidence = evidenceOf(text);
    const renamed: StudioEvidence = { stores: [{ ...evidence.stores[0]!, storeId: 'store-elsewhere' }] };
    expect(compareWithStudio(renamed, ours)[0]).toMatchObject({ verdict: 'ours-missing' });
    const shorter: StudioEvidence = { stores: [{ ...evidence.stores[0]!, transitions: evidence.stores[0]!.transitions.slice(0, 1) }] };
    expect(compareWithStudio(shorter, ours)[0]).toMatchObject({ verdict: 'disagree', step: 2 });
  });
});
