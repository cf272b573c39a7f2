/**
 * Transitions written from overlapping branches of one RunConcurrent group, per step of a store:
 * "IncrementNode and DecrementNode both wrote /counter while both were running". Built from the
 * groups' possible races (core/junjo/concurrency.ts), keeping writers whose spans overlapped in time.
 */
import type { ConcurrencyGroup } from '../../../core/junjo/concurrency.ts';
import type { Trace } from '../../../core/model/trace.ts';

/** Step (1-based) → the sentence that explains the concurrent write. */
export function concurrentWrites(trace: Trace, groups: readonly ConcurrencyGroup[], storeId: string): ReadonlyMap<number, string> {
  const out = new Map<number, string>();
  for (const group of groups) {
    for (const race of group.races) {
      if (race.storeId !== storeId) continue;
      const overlapping = race.writers.filter((writer) =>
        race.writers.some((other) => other !== writer && overlaps(trace, writer.childSpanIndex, other.childSpanIndex)),
      );
      if (overlapping.length < 2) continue;
      const names = overlapping.map((writer) => trace.spans[writer.childSpanIndex]?.name ?? 'a branch');
      const text = `${joinNames(names)} ${names.length === 2 ? 'both' : 'all'} wrote ${race.path} while ${names.length === 2 ? 'both' : 'all'} were running (${group.name})`;
      for (const writer of overlapping) for (const step of writer.steps) out.set(step, text);
    }
  }
  return out;
}

function overlaps(trace: Trace, a: number, b: number): boolean {
  const x = trace.spans[a], y = trace.spans[b];
  return x !== undefined && y !== undefined && x.start < y.end && y.start < x.end;
}

function joinNames(names: readonly string[]): string {
  if (names.length <= 2) return names.join(' and ');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
