import { describe, expect, it } from 'vitest';
import type { StoreSummary } from '../../../core/junjo/junjo-outline.ts';
import type { StoreTimeline } from '../../../core/junjo/state-replay.ts';
import { chooseStore, clampTx, moveTx, stepOfTx, tiedSteps, txOfStep } from './state-selection.ts';

const store = (storeId: string, ownerRunIndex: number | null) => ({ storeId, ownerRunIndex }) as unknown as StoreSummary;

describe('tx ⇄ step', () => {
  it.each([[0, 1], [4, 5], [9999, 10000]])('tx %i is step %i', (tx, step) => {
    expect(stepOfTx(tx)).toBe(step);
    expect(txOfStep(step)).toBe(tx);
  });
  it('clamps to the transitions that exist', () => {
    expect(clampTx(undefined, 5)).toBeUndefined();
    expect(clampTx(3, 0)).toBeUndefined();
    expect(clampTx(7, 5)).toBe(4);
    expect(clampTx(2, 5)).toBe(2);
  });
  it('moves within bounds, starting from either end', () => {
    expect(moveTx(undefined, 1, 5)).toBe(0);
    expect(moveTx(undefined, -1, 5)).toBe(4);
    expect(moveTx(4, 1, 5)).toBe(4);
    expect(moveTx(0, -1, 5)).toBe(0);
    expect(moveTx(2, 1, 5)).toBe(3);
    expect(moveTx(2, 1, 0)).toBeUndefined();
  });
});

describe('chooseStore', () => {
  const analysis = { stores: [store('sub', 1), store('wf', 0)], topLevelRuns: [0] };
  it('finds the requested store', () => {
    const choice = chooseStore(analysis, 'sub');
    expect(choice.kind === 'found' && choice.timeline.storeId).toBe('sub');
  });
  it('defaults to the first top-level run', () => {
    const choice = chooseStore(analysis, undefined);
    expect(choice.kind === 'found' && choice.timeline.storeId).toBe('wf');
  });
  it('reports an unknown store with a fallback', () => {
    expect(chooseStore(analysis, 'nope')).toMatchObject({ kind: 'unknown', requested: 'nope', fallback: { storeId: 'wf' } });
  });
  it('handles no stores', () => expect(chooseStore({ stores: [], topLevelRuns: [] }, 'x').kind).toBe('empty'));
});

describe('tiedSteps', () => {
  const t = (step: number, time: number) => ({ step, time });
  it('flags equal times only when ordered by time', () => {
    const transitions = [t(1, 10), t(2, 20), t(3, 20), t(4, 30)] as unknown as StoreTimeline['transitions'];
    expect([...tiedSteps({ orderedBy: 'time', transitions })]).toEqual([2, 3]);
    expect(tiedSteps({ orderedBy: 'sequence', transitions }).size).toBe(0);
  });
});
