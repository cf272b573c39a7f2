/**
 * One graph model for both Junjo graph schemas (v1 `graph_structure`, v2 `execution_graph_snapshot`).
 * Node ids are v1 `id` / v2 `nodeRuntimeId`. `container` is the RC or subflow node that holds a node
 * (RC children, subflow internals); `null` means the graph's top level. Sources and sinks are derived
 * from the top-level explicit edges (neither schema flags them). Parsers return a result value, never throw.
 */
import type { JsonAttrError } from './json-attr.ts';

export type GraphNodeKind = 'node' | 'run_concurrent' | 'subflow';

export interface SubflowInfo {
  /** v2 only: the subflow's own graph id, which the subflow span carries as executable_structural_id. */
  readonly graphStructuralId: string | null;
  readonly sourceId: string | null;
  readonly sinkIds: readonly string[];
  /** v1 0.50–0.62: the declared source/sink ids matched no node and were derived from the edges. */
  readonly derivedFromEdges: boolean;
}

export interface GraphNode {
  readonly id: string;
  readonly label: string;
  readonly type: string;
  readonly kind: GraphNodeKind;
  /** v2 `nodeStructuralId`; null in v1. */
  readonly structuralId: string | null;
  /** RC children ids (empty otherwise). */
  readonly children: readonly string[];
  readonly subflow: SubflowInfo | null;
  readonly container: string | null;
}

export interface GraphEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly condition: string | null;
  readonly scope: 'explicit' | 'subflow';
  /** The subflow node that contains this edge (v1 `subflowId`, v2 `parentSubflowRuntimeId`). */
  readonly container: string | null;
}

export interface WorkflowGraph {
  readonly schema: 1 | 2;
  readonly graphStructuralId: string | null;
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  readonly sourceIds: readonly string[];
  readonly sinkIds: readonly string[];
  /** Tolerated oddities: dangling ids, duplicates, edges to unknown nodes. */
  readonly warnings: readonly string[];
  /** Known quirks already handled (a legacy subflow's ids derived from its edges): a detail, not a warning. */
  readonly notes?: readonly string[];
}

export type GraphError =
  | JsonAttrError
  | { readonly kind: 'missing'; readonly message: string }
  | { readonly kind: 'invalid-shape'; readonly message: string; readonly raw: string };

export type GraphParseResult = { readonly ok: true; readonly graph: WorkflowGraph } | { readonly ok: false; readonly error: GraphError };

/** A node as a parser first reads it, before containers are resolved. */
export interface RawNode extends Omit<GraphNode, 'container'> {
  readonly container?: string | null;
}

export const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
export const strArray = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/**
 * Shared second half of both parsers: unique ids, containers from RC children and subflow edges,
 * then top-level sources/sinks. `firstIsSource` is the v2 rule (its first node is the source).
 */
export function finishGraph(
  schema: 1 | 2,
  graphStructuralId: string | null,
  rawNodes: readonly RawNode[],
  rawEdges: readonly GraphEdge[],
  warnings: string[],
  firstIsSource: boolean,
  notes: readonly string[] = [],
): WorkflowGraph {
  const byId = new Map<string, RawNode>();
  for (const node of rawNodes) {
    if (byId.has(node.id)) warnings.push(`Duplicate node id ${node.id}: kept the first`);
    else byId.set(node.id, node);
  }
  const container = new Map<string, string>();
  for (const node of byId.values()) {
    if (node.container) container.set(node.id, node.container);
    for (const child of node.children) if (!container.has(child)) container.set(child, node.id);
    const ends = node.subflow ? [node.subflow.sourceId, ...node.subflow.sinkIds] : [];
    for (const end of ends) if (end !== null && end !== node.id && byId.has(end) && !container.has(end)) container.set(end, node.id);
  }
  const edgeIds = new Set<string>();
  const edges: GraphEdge[] = [];
  for (const edge of rawEdges) {
    if (!byId.has(edge.source) || !byId.has(edge.target)) {
      warnings.push(`Edge ${edge.id} refers to a node that is not in the graph`);
    }
    let id = edge.id;
    for (let n = 2; edgeIds.has(id); n++) id = `${edge.id}#${n}`;
    edgeIds.add(id);
    edges.push(id === edge.id ? edge : { ...edge, id });
    if (edge.container && edge.scope === 'subflow') {
      for (const end of [edge.source, edge.target]) if (!container.has(end)) container.set(end, edge.container);
    }
  }
  const nodes: GraphNode[] = [...byId.values()].map((node) => ({ ...node, container: container.get(node.id) ?? null }));
  const topLevel = nodes.filter((node) => node.container === null).map((node) => node.id);
  const topEdges = edges.filter((edge) => edge.container === null);
  const hasIn = new Set(topEdges.map((edge) => edge.target));
  const hasOut = new Set(topEdges.map((edge) => edge.source));
  let sourceIds = topLevel.filter((id) => !hasIn.has(id));
  if (firstIsSource && topLevel[0] !== undefined) sourceIds = [topLevel[0]];
  else if (sourceIds.length === 0 && topLevel[0] !== undefined) sourceIds = [topLevel[0]];
  const sinkIds = topLevel.filter((id) => !hasOut.has(id));
  return { schema, graphStructuralId, nodes, edges, sourceIds, sinkIds, warnings, notes };
}

/** Every node inside a container, directly or through nested containers. */
export function nodesInside(graph: WorkflowGraph, containerId: string): GraphNode[] {
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  return graph.nodes.filter((node) => {
    for (let up = node.container, guard = 0; up !== null && guard < 64; guard++) {
      if (up === containerId) return true;
      up = byId.get(up)?.container ?? null;
    }
    return false;
  });
}
