/**
 * Names for a workflow graph's nodes and edges that stay the same from one run to the next, and a key
 * for the graph's version. Runtime node ids change with every process, so across runs a node is
 * known by its structural id (contract v2, G3) or, without one (v1 graphs), by its identity: the
 * chain of containers, its type and label, plus an occurrence number when a container holds two
 * alike. An edge is known by its two ends (plus an occurrence number for parallel edges). The
 * version is the graph's structural id, or (v1) a hash of its node and edge keys: two runs of one
 * version can be added up node by node.
 */
import type { WorkflowGraph } from '../junjo/graph-model.ts';

export interface GraphKeys {
  readonly version: string;
  /** Node id in this graph → node key. */
  readonly nodeKey: ReadonlyMap<string, string>;
  /** Edge id in this graph → edge key. */
  readonly edgeKey: ReadonlyMap<string, string>;
}

function unique(seen: Map<string, number>, base: string): string {
  const n = (seen.get(base) ?? 0) + 1;
  seen.set(base, n);
  return n === 1 ? base : `${base}#${n}`;
}

/** FNV-1a, 32 bits, as 8 hex digits: short and stable (not a security hash). */
export function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** Keys per graph object: parsed graphs are shared between runs of a workflow (workflow-runs.ts). */
const known = new WeakMap<WorkflowGraph, GraphKeys>();

export function graphKeys(graph: WorkflowGraph): GraphKeys {
  let keys = known.get(graph);
  if (!keys) known.set(graph, (keys = computeKeys(graph)));
  return keys;
}

function computeKeys(graph: WorkflowGraph): GraphKeys {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const identity = new Map<string, string>();
  const identityOf = (id: string, depth = 0): string => {
    const known = identity.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    if (!node) return `?${id}`;
    const up = node.container !== null && depth < 64 ? `${identityOf(node.container, depth + 1)}>` : '';
    const own = `${up}${node.type}:${node.label}`;
    identity.set(id, own);
    return own;
  };
  const seenNodes = new Map<string, number>();
  const nodeKey = new Map<string, string>();
  for (const node of graph.nodes) nodeKey.set(node.id, unique(seenNodes, node.structuralId ?? identityOf(node.id)));
  const seenEdges = new Map<string, number>();
  const edgeKey = new Map<string, string>();
  for (const edge of graph.edges) {
    const ends = `${nodeKey.get(edge.source) ?? `?${edge.source}`}→${nodeKey.get(edge.target) ?? `?${edge.target}`}`;
    edgeKey.set(edge.id, unique(seenEdges, ends));
  }
  const version =
    graph.graphStructuralId ??
    `v${graph.schema}-${fnv1a([[...nodeKey.values()].sort().join('\n'), [...edgeKey.values()].sort().join('\n')].join('\n\n'))}`;
  return { version, nodeKey, edgeKey };
}
