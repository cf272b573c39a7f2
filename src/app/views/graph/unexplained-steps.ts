/**
 * The steps of a run that follow no declared edge, grouped by the transition they make: a long run
 * repeats a few undeclared transitions hundreds of times, and a list of every step says less than
 * "A → B, 312 times" does.
 */
import type { UnexplainedStep } from '../../../core/junjo/path-taken.ts';

export interface UnexplainedTransition {
  readonly fromNodeId: string;
  readonly toNodeId: string;
  readonly count: number;
  /** The span of the node the first such step went to: where to look first. */
  readonly firstToSpan: number;
}

/** One entry per (from, to) pair, the most frequent first; ties keep the order they first happened in. */
export function groupUnexplainedSteps(steps: readonly UnexplainedStep[]): UnexplainedTransition[] {
  const byPair = new Map<string, { fromNodeId: string; toNodeId: string; count: number; firstToSpan: number; order: number }>();
  for (const step of steps) {
    const key = `${step.fromNodeId}\u0000${step.toNodeId}`;
    const group = byPair.get(key);
    if (group) group.count++;
    else byPair.set(key, { fromNodeId: step.fromNodeId, toNodeId: step.toNodeId, count: 1, firstToSpan: step.toSpan, order: byPair.size });
  }
  return [...byPair.values()]
    .sort((a, b) => b.count - a.count || a.order - b.order)
    .map(({ fromNodeId, toNodeId, count, firstToSpan }) => ({ fromNodeId, toNodeId, count, firstToSpan }));
}
