/**
 * One graph version's figures across runs drawn on its declared graph, as an overlay of the shared
 * graph drawing (app/graph): `heatPath` turns the group into the path input `buildFlow` takes (a node
 * that ran in any run is drawn as run, an edge any run took as taken), and `applyHeat` adds the heat:
 * - a node's fill from its p95 duration relative to the slowest node's p95 (5 steps, `ar-heat-0…4`),
 *   with its figures as text (p50/p95, runs it ran in, failure rate): never colour alone;
 * - an edge's width from the share of runs that took it (5 steps), labelled with that share.
 * Pure; works on node and edge ids of the representative graph through the keys of graph-keys.ts.
 */
import type { WorkflowGraph } from '../../../core/junjo/graph-model.ts';
import type { NodeStats, PathTaken } from '../../../core/junjo/path-taken.ts';
import { formatDuration } from '../../../core/model/time.ts';
import type { GraphKeys } from '../../../core/runs/graph-keys.ts';
import type { VersionGroup } from '../../../core/runs/summarize-runs.ts';
import type { FlowEdge, FlowNode } from '../../graph/graph-flow.ts';

export const percentText = (fraction: number): string => {
  const pct = fraction * 100;
  return pct > 0 && pct < 1 ? '<1%' : `${Math.round(pct)}%`;
};

export function heatPath(graph: WorkflowGraph, keys: GraphKeys, group: VersionGroup): PathTaken {
  const nodeStats = graph.nodes.map((node): NodeStats => {
    const across = group.nodes[keys.nodeKey.get(node.id) ?? ''];
    if (!across) return { nodeId: node.id, runCount: 0, totalDuration: 0, status: 'not-run', spanIndexes: [] };
    return { nodeId: node.id, runCount: across.runs, totalDuration: across.p50, status: 'ok', spanIndexes: [] };
  });
  const edgeTraversals: Record<string, number> = {};
  for (const edge of graph.edges) {
    const across = group.edges[keys.edgeKey.get(edge.id) ?? ''];
    if (across) edgeTraversals[edge.id] = across.taken;
  }
  return { runIndex: 0, edgeTraversals, nodeStats, order: [], unexplained: [] };
}

/** 0–4 by value / max (0 for nothing, 4 for the largest). */
const step = (value: number, max: number): number => (max > 0 && value > 0 ? Math.max(1, Math.min(4, Math.ceil((4 * value) / max))) : 0);

export function applyHeat(nodes: readonly FlowNode[], edges: readonly FlowEdge[], graph: WorkflowGraph, keys: GraphKeys, group: VersionGroup): { nodes: FlowNode[]; edges: FlowEdge[] } {
  const kinds = new Map(graph.nodes.map((node) => [node.id, node.kind]));
  let slowest = 0;
  for (const node of graph.nodes) {
    const across = group.nodes[keys.nodeKey.get(node.id) ?? ''];
    if (across && node.kind === 'node' && across.p95 > slowest) slowest = across.p95;
  }
  const heatNodes = nodes.map((node): FlowNode => {
    const across = group.nodes[keys.nodeKey.get(node.id) ?? ''];
    if (!across) {
      return { ...node, data: { ...node.data, runCount: 0, notes: [`0/${group.runCount} runs`] }, ariaLabel: `${node.data.label}: did not run in any of the ${group.runCount} runs` };
    }
    const level = kinds.get(node.id) === 'node' ? step(across.p95, slowest) : 0;
    const failed = across.failed > 0 ? `${percentText(across.failureRate)} failed` : '';
    const runs = `${across.runs}/${group.runCount} runs${across.executions > across.runs ? ` ×${across.executions}` : ''}`;
    const figures = `p50 ${formatDuration(across.p50)} · p95 ${formatDuration(across.p95)}`;
    const said = `${node.data.label}: ${figures}; ran in ${across.runs} of ${group.runCount} runs, ${across.executions} times in all; ${across.failed > 0 ? `${across.failed} failed (${percentText(across.failureRate)})` : 'none failed'}`;
    return {
      ...node,
      className: `${node.className ?? ''} ar-heat-${level}${across.failed > 0 ? ' ar-has-failures' : ''}`,
      // ×N is said in the notes (executions over all runs), not by the one-run badge.
      data: { ...node.data, runCount: 1, duration: '', notes: [figures, failed ? `${runs} · ${failed}` : runs] },
      ariaLabel: said,
    };
  });
  const heatEdges = edges.map((edge): FlowEdge => {
    const across = group.edges[keys.edgeKey.get(edge.id) ?? ''];
    if (!across) return edge;
    const share = group.runCount > 0 ? across.runs / group.runCount : 0;
    const condition = graph.edges.find((e) => e.id === edge.id)?.condition;
    const label = [condition ?? '', percentText(share), across.taken > across.runs ? `×${across.taken}` : ''].filter(Boolean).join(' ');
    return { ...edge, label, className: `gf-edge is-taken ar-edge-${step(share, 1)}` };
  });
  return { nodes: heatNodes, edges: heatEdges };
}
