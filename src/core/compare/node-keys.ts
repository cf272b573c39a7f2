/**
 * Names for graph nodes and edges that stay the same across two runs of one workflow, so the runs can
 * be lined up (issue 12 §2). Runtime ids differ between processes; these keys do not:
 * - a node with a structural id (G3, graph schema v2): `s:<structural id>`;
 * - otherwise (G1, schema v1): its identity in the graph, `n:<container key>/<label>`;
 * a key that repeats within one graph gets `#2`, `#3`… in declaration order ("position in the graph").
 * An edge is `<source key> -> <target key>` (again `#n` for repeats).
 */
import type { GraphNode, WorkflowGraph } from '../junjo/graph-model.ts';

export interface GraphKeys {
  /** Node id → key. */
  readonly nodeKey: ReadonlyMap<string, string>;
  /** Edge id → key. */
  readonly edgeKey: ReadonlyMap<string, string>;
}

export function graphKeys(graph: WorkflowGraph): GraphKeys {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const nodeKey = new Map<string, string>();
  const used = new Map<string, number>();
  const unique = (base: string): string => {
    const seen = (used.get(base) ?? 0) + 1;
    used.set(base, seen);
    return seen === 1 ? base : `${base}#${seen}`;
  };
  const identity = (node: GraphNode, depth = 0): string => {
    const container = node.container !== null ? byId.get(node.container) : undefined;
    const prefix = container && depth < 32 ? identity(container, depth + 1) : '';
    return `${prefix}/${node.label}`;
  };
  for (const node of graph.nodes) {
    const base = node.structuralId !== null ? `s:${node.structuralId}` : `n:${identity(node)}`;
    nodeKey.set(node.id, unique(base));
  }
  const edgeKey = new Map<string, string>();
  const usedEdges = new Map<string, number>();
  for (const edge of graph.edges) {
    const base = `${nodeKey.get(edge.source) ?? `?${edge.source}`} -> ${nodeKey.get(edge.target) ?? `?${edge.target}`}`;
    const seen = (usedEdges.get(base) ?? 0) + 1;
    usedEdges.set(base, seen);
    edgeKey.set(edge.id, seen === 1 ? base : `${base}#${seen}`);
  }
  return { nodeKey, edgeKey };
}

/**
 * Whether two graphs are the same workflow version: equal graph structural ids when both carry one
 * (G3), else the same set of node and edge keys.
 */
export function sameGraphVersion(a: WorkflowGraph, b: WorkflowGraph, keysA: GraphKeys, keysB: GraphKeys): boolean {
  if (a.graphStructuralId !== null && b.graphStructuralId !== null) return a.graphStructuralId === b.graphStructuralId;
  const signature = (keys: GraphKeys) => [[...keys.nodeKey.values()].sort().join('\n'), [...keys.edgeKey.values()].sort().join('\n')].join('\n\n');
  return signature(keysA) === signature(keysB);
}
