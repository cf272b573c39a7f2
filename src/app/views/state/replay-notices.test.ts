import { describe, expect, it } from 'vitest';
import type { StateTransition, StoreTimeline } from '../../../core/junjo/state-replay.ts';
import { missingUpdatesMessage } from '../../../core/junjo/state-checks.ts';
import { replayNotices } from './replay-notices.ts';

const tx = (step: number, patchMode = 'full') => ({ step, patchMode }) as StateTransition;

const timeline = (over: Partial<StoreTimeline>): StoreTimeline => ({
  storeId: 's', storeName: null, ownerSpanIndex: 0, ownerRunIndex: 0, parentStoreId: null, generation: 'G3', orderedBy: 'sequence',
  transitions: [tx(1), tx(2), tx(3)], appliedCount: 3, checkpointEvery: 16, checkpoints: ['{}'], status: 'complete', verified: 'match', issues: [],
  ...over,
});

describe('replayNotices', () => {
  it('says nothing for a clean, verified replay', () => expect(replayNotices(timeline({}))).toEqual([]));

  it('leads with where the replay stopped, then the cause', () => {
    const notices = replayNotices(timeline({
      status: 'stopped', appliedCount: 1, verified: 'not-checked',
      issues: [{ kind: 'updates-missing', severity: 'error', missing: 4, fromStep: 2, cause: 'dropped-events', message: missingUpdatesMessage(4, 2) }],
    }));
    expect(notices[0]?.message).toMatch(/^Replay stopped before transition 2 of 3/);
    expect(notices[1]).toMatchObject({ step: 2, message: '4 state updates missing (SDK limit, 128 events per span); history incomplete from step 2; start and end are exact.' });
  });

  it('counts later payloads that were not recorded in full', () => {
    const notices = replayNotices(timeline({ status: 'stopped', appliedCount: 0, transitions: [tx(1, 'redacted'), tx(2, 'redacted'), tx(3, 'excluded')] }));
    expect(notices.map((n) => n.message)).toContain('1 later update(s) were recorded as "redacted", not in full; their changes cannot be shown.');
    expect(notices.map((n) => n.message)).toContain('1 later update(s) were recorded as "excluded", not in full; their changes cannot be shown.');
  });

  it('orders info (approximate order) after errors', () => {
    const notices = replayNotices(timeline({
      verified: 'mismatch',
      issues: [
        { kind: 'approximate-order', severity: 'info', message: 'Order of concurrent updates is approximate' },
        { kind: 'end-mismatch', severity: 'error', path: '/a', message: 'The replayed state differs from the recorded end state at /a.' },
      ],
    }));
    expect(notices.map((n) => n.severity)).toEqual(['error', 'info']);
  });
});
