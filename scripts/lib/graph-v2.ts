import { edgeStructuralId, expandedNodes, idOf, structuralIdOf, subflowBuilds, type GraphBuild } from './graph-build.ts';
import { sortedCompactJson } from './json-style.ts';
import { labelOf, type EdgeDef, type ExecDef } from './workflow-def.ts';

/**
 * `junjo.workflow.execution_graph_snapshot` (G2/G3, formats.md §3.2; schema
 * fixtures/junjo/schemas/execution-graph-snapshot.v2.schema.json): compact, sorted keys.
 * Subflow edges come first; `parentSubflowRuntimeId` names the immediate container. A subflow
 * span's own snapshot is built from its exec build, so its runtime ids match its spans.
 */
export interface V2Node {
  nodeRuntimeId: string;
  nodeStructuralId: string;
  nodeType: string;
  nodeLabel: string;
  isConcurrentSubgraph?: true;
  childNodeRuntimeIds?: string[];
  isSubflow?: true;
  subflowGraphStructuralId?: string;
  subflowSourceNodeRuntimeId?: string;
  subflowSourceNodeStructuralId?: string;
  subflowSinkNodeRuntimeIds?: string[];
  subflowSinkNodeStructuralIds?: string[];
}

export interface V2Edge {
  edgeStructuralId: string;
  tailNodeRuntimeId: string;
  tailNodeStructuralId: string;
  headNodeRuntimeId: string;
  headNodeStructuralId: string;
  edgeConditionLabel: string | null;
  edgeScope: 'explicit' | 'subflow';
  parentSubflowRuntimeId: string | null;
}

export interface V2Graph {
  v: 2;
  graphStructuralId: string;
  nodes: V2Node[];
  edges: V2Edge[];
}

function graphV2(build: GraphBuild): V2Graph {
  const nodes = expandedNodes(build).map(({ exec, build: owner }) => v2Node(owner, exec));
  const explicit = build.graph.edges.map((edge) => v2Edge(build, edge, 'explicit', null));
  return { v: 2, graphStructuralId: build.structuralId, nodes, edges: [...subflowEdges(build), ...explicit] };
}

export function graphV2Json(build: GraphBuild): string {
  return sortedCompactJson(graphV2(build));
}

function v2Node(build: GraphBuild, exec: ExecDef): V2Node {
  const node: V2Node = {
    nodeRuntimeId: idOf(build, exec),
    nodeStructuralId: structuralIdOf(build, exec),
    nodeType: exec.type,
    nodeLabel: labelOf(exec),
  };
  if (exec.kind === 'run_concurrent') {
    node.isConcurrentSubgraph = true;
    node.childNodeRuntimeIds = exec.children.map((child) => idOf(build, child));
  }
  if (exec.kind === 'subflow') {
    const { shadow } = subflowBuilds(build, exec);
    node.isSubflow = true;
    node.subflowGraphStructuralId = shadow.structuralId;
    node.subflowSourceNodeRuntimeId = idOf(shadow, shadow.graph.source);
    node.subflowSourceNodeStructuralId = structuralIdOf(shadow, shadow.graph.source);
    node.subflowSinkNodeRuntimeIds = shadow.graph.sinks.map((sink) => idOf(shadow, sink));
    node.subflowSinkNodeStructuralIds = shadow.graph.sinks.map((sink) => structuralIdOf(shadow, sink));
  }
  return node;
}

function v2Edge(build: GraphBuild, edge: EdgeDef, scope: V2Edge['edgeScope'], parent: string | null): V2Edge {
  return {
    edgeStructuralId: edgeStructuralId(build, edge),
    tailNodeRuntimeId: idOf(build, edge.tail),
    tailNodeStructuralId: structuralIdOf(build, edge.tail),
    headNodeRuntimeId: idOf(build, edge.head),
    headNodeStructuralId: structuralIdOf(build, edge.head),
    edgeConditionLabel: edge.condition?.label ?? null,
    edgeScope: scope,
    parentSubflowRuntimeId: parent,
  };
}

function subflowEdges(build: GraphBuild): V2Edge[] {
  const out: V2Edge[] = [];
  for (const { exec, build: owner } of expandedNodes(build)) {
    if (exec.kind !== 'subflow') continue;
    const { shadow } = subflowBuilds(owner, exec);
    const container = idOf(owner, exec);
    out.push(...shadow.graph.edges.map((edge) => v2Edge(shadow, edge, 'subflow', container)));
  }
  return out;
}
