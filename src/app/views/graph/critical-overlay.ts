/**
 * The critical path drawn on the graph's flow nodes and edges: critical nodes and edges get
 * `is-critical`, the others that ran get their slack ("could take 1.2 s longer without changing the
 * run"), and with `only` the nodes off the path are quieted. Pure; nodes and edges that do not change
 * keep their identity.
 */
import { MarkerType } from '@xyflow/react';
import type { CriticalGraph } from '../../../core/junjo/critical-on-graph.ts';
import { formatDuration } from '../../../core/model/time.ts';
import type { FlowEdge, FlowNode } from '../../graph/graph-flow.ts';

export const slackSentence = (slack: number): string => `could take ${formatDuration(slack)} longer without changing the run`;

export function applyCriticalNodes(nodes: readonly FlowNode[], critical: CriticalGraph | null, only: boolean): FlowNode[] {
  if (!critical) return nodes as FlowNode[];
  return nodes.map((node) => {
    const c = critical.nodes[node.id];
    if (!c) return only ? { ...node, className: `${node.className ?? ''} is-off-path` } : node;
    const note = c.critical ? 'on the critical path' : slackSentence(c.slack);
    return {
      ...node,
      className: `${node.className ?? ''} ${c.critical ? 'is-critical' : only ? 'is-off-path' : 'has-slack'}`,
      ariaLabel: `${node.ariaLabel ?? node.data.label}; ${note}`,
      data: { ...node.data, critical: c.critical, slack: c.slack },
    };
  });
}

export function applyCriticalEdges(edges: readonly FlowEdge[], critical: CriticalGraph | null, only: boolean): FlowEdge[] {
  if (!critical) return edges as FlowEdge[];
  const criticalIds = new Set(critical.criticalEdges);
  return edges.map((edge) => {
    if (criticalIds.has(edge.id)) {
      return { ...edge, className: `${edge.className ?? ''} is-critical`, markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: 'var(--gf-critical)' } };
    }
    return only ? { ...edge, className: `${edge.className ?? ''} is-off-path` } : edge;
  });
}
