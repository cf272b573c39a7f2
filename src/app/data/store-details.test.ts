import { expect, test } from 'vitest';
import type { JunjoOutline } from '../../core/junjo/junjo-outline.ts';
import type { StoreTimeline } from '../../core/junjo/state-replay.ts';
import { provideTimelines, readTimelines, requestTimelines } from './store-details.ts';
import type { StoresResult } from './load-protocol.ts';

const outline = () => ({ kind: 'junjo', stores: [] }) as unknown as JunjoOutline;
const timeline = (storeId: string) => ({ storeId }) as StoreTimeline;

test('stores are fetched once, in one request for those missing, and read back in the order asked', async () => {
  const o = outline();
  const asked: string[][] = [];
  provideTimelines(o, async (ids) => {
    asked.push([...ids]);
    return { ok: true, timelines: ids.map(timeline) };
  });
  requestTimelines(o, ['a', 'b', 'a']);
  expect(readTimelines(o, ['a'])).toEqual({ status: 'loading' });
  await Promise.resolve();
  await Promise.resolve();
  requestTimelines(o, ['b', 'c']);
  await Promise.resolve();
  await Promise.resolve();
  expect(asked).toEqual([['a', 'b'], ['c']]);
  const read = readTimelines(o, ['c', 'a']);
  expect(read.status === 'ready' && read.timelines.map((t) => t.storeId)).toEqual(['c', 'a']);
});

test("the worker's refusal and a missing source become messages for a person", async () => {
  const refused = outline();
  provideTimelines(refused, async (): Promise<StoresResult> => ({ ok: false, message: 'A newer trace was opened since.' }));
  requestTimelines(refused, ['a']);
  await Promise.resolve();
  await Promise.resolve();
  expect(readTimelines(refused, ['a'])).toEqual({ status: 'error', message: 'A newer trace was opened since.' });
  const orphan = outline();
  requestTimelines(orphan, ['a']);
  expect(readTimelines(orphan, ['a'])).toMatchObject({ status: 'error', message: expect.stringContaining('open the trace again') });
});
