import { useMemo } from 'react';
import type { JunjoRuns } from '../../../core/junjo/analyze-junjo.ts';
import { criticalOnGraph } from '../../../core/junjo/critical-on-graph.ts';
import { formatDuration } from '../../../core/model/time.ts';
import type { Trace } from '../../../core/model/trace.ts';
import { criticalPath } from '../../../core/trace/critical-path.ts';
import { useViewState } from '../../routes/use-view-state.ts';
import { slackSentence } from './critical-overlay.ts';

/**
 * In the inspector while the critical path is shown: whether the selected iteration is on it, else its
 * slack; its scheduling overhead; and inside it, the span-based path through its LLM and tool calls.
 */
export function NodeCriticalNote({ trace, analysis, runIndex, nodeId, iteration }: {
  trace: Trace;
  analysis: JunjoRuns;
  runIndex: number;
  nodeId: string;
  iteration: number;
}) {
  const shown = useViewState((state) => state.critical !== undefined);
  const critical = useMemo(() => (shown ? criticalOnGraph(trace, analysis, runIndex) : null), [shown, trace, analysis, runIndex]);
  const instance = critical?.nodes[nodeId]?.instances[iteration - 1];
  const inside = useMemo(() => {
    if (!instance || (trace.children[instance.spanIndex]?.length ?? 0) === 0) return [];
    const path = criticalPath(trace, instance.spanIndex);
    return path.spans.filter((s) => s !== instance.spanIndex && path.criticalTime[s]! > 0).map((s) => `${trace.spans[s]!.name} ${formatDuration(path.criticalTime[s]!)}`);
  }, [trace, instance]);
  if (!instance) return null;
  return (
    <span className={`gf-critical-note${instance.critical ? ' is-critical' : ''}`}>
      {instance.critical ? '◆ on the critical path' : slackSentence(instance.slack)}
      {instance.overhead > 0 && ` · started ${formatDuration(instance.overhead)} after what it waited for`}
      {inside.length > 0 && ` · inside: ${inside.slice(0, 4).join(' → ')}${inside.length > 4 ? ' …' : ''}`}
    </span>
  );
}
