import { describe, expect, it } from 'vitest';
import type { TraceSummary } from '../../core/backends/api-types.ts';
import { pageEndSeconds, pageOfRuns } from './local-runs-page.ts';

const run = (n: number, startNs: string): TraceSummary => ({
  traceId: n.toString(16).padStart(32, '0'),
  rootName: `run ${n}`,
  rootService: 'svc',
  startNs,
  durationMs: 1,
  spanCount: 1,
  workflowName: 'wf',
  workflowSpans: 1,
});

describe('pageOfRuns', () => {
  it('shows a short answer whole, with no older page', () => {
    const answer = [run(1, '3000000000'), run(2, '2000000000')];
    expect(pageOfRuns(answer, undefined, 2, 4)).toEqual({ rows: answer, next: undefined });
  });

  it('cuts a long answer to a page and starts the next page after its last run', () => {
    const answer = [run(1, '5000000000'), run(2, '4000000000'), run(3, '3000000000'), run(4, '2000000000')];
    const page = pageOfRuns(answer, undefined, 2, 4);
    expect(page.rows.map((r) => r.rootName)).toEqual(['run 1', 'run 2']);
    expect(page.next).toEqual({ startNs: '4000000000', shownIds: [run(2, '').traceId] });
    expect(pageEndSeconds(page.next, 0)).toBe(5);
  });

  it('drops what the previous page showed: newer runs and already-shown runs of the same start', () => {
    const answer = [run(1, '4500000000'), run(2, '4000000000'), run(5, '4000000000'), run(3, '3000000000')];
    const page = pageOfRuns(answer, { startNs: '4000000000', shownIds: [run(2, '').traceId] }, 2, 10);
    expect(page.rows.map((r) => r.rootName)).toEqual(['run 5', 'run 3']);
    expect(page.next).toBeUndefined();
  });

  it('keeps the shown ids when a whole page starts in the same nanosecond', () => {
    const same = '7000000000';
    const cursor = { startNs: same, shownIds: [run(1, '').traceId] };
    const page = pageOfRuns([run(1, same), run(2, same), run(3, same), run(4, same)], cursor, 2, 4);
    expect(page.rows.map((r) => r.rootName)).toEqual(['run 2', 'run 3']);
    expect(page.next?.shownIds).toEqual([1, 2, 3].map((n) => run(n, '').traceId));
  });

  it('asks for the next minute on the first page (clock skew), the cursor second after', () => {
    expect(pageEndSeconds(undefined, 1_000_500)).toBe(1060);
    expect(pageEndSeconds({ startNs: '1700000000999999999', shownIds: [] }, 0)).toBe(1_700_000_001);
  });
});
