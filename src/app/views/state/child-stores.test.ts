import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { analyzeJunjo } from '../../../core/junjo/analyze-junjo.ts';
import { decodeTrace, WORKFLOW_FIXTURES } from '../../../core/junjo/junjo-test-traces.ts';
import { outlineOf } from '../../../core/junjo/junjo-outline.ts';
import { changedChildStores } from './child-stores.ts';

test('the parent store of the subflow fixture names the child store that changed', async () => {
  const trace = await decodeTrace(readFileSync(`${WORKFLOW_FIXTURES}/subflow_with_parent_store.json`, 'utf8'));
  const found = analyzeJunjo(trace);
  if (found.kind !== 'junjo') throw new Error(found.reason);
  const analysis = outlineOf(found);
  const parent = analysis.stores.find((store) => store.storeId === 'store-subflow-parent-01')!;
  expect(parent.transitionCount).toBe(0);
  expect(changedChildStores(analysis, parent)).toEqual([
    { storeId: 'store-subflow-child-01', storeName: 'ChildSubflowState', subflowName: 'child_subflow', transitions: 1 },
  ]);
  const child = analysis.stores.find((store) => store.storeId === 'store-subflow-child-01')!;
  expect(changedChildStores(analysis, child)).toEqual([]);
});
