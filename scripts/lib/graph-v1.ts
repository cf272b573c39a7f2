import { expandedNodes, idOf, subflowBuilds, type GraphBuild } from './graph-build.ts';
import { pythonJsonIndent } from './json-style.ts';
import { labelOf, type ExecDef } from './workflow-def.ts';

/**
 * `junjo.workflow.graph_structure` (G0/G1, formats.md §3.1): `{v:1, nodes, edges}`,
 * pretty-printed. Explicit edges first (`edge_<tail>_<head>_<i>`), then subflow edges
 * (`subflow_<subflowId>_edge_<tail>_<head>`). Subflow internals use the shadow build's ids and
 * `subflowSourceId`/`subflowSinkId` dangle, as in Junjo 0.50–0.62.
 */
interface V1Node {
  id: string;
  type: string;
  label: string;
  isSubgraph?: true;
  children?: string[];
  isSubflow?: true;
  subflowSourceId?: string;
  subflowSinkId?: string;
}

interface V1Edge {
  id: string;
  source: string;
  target: string;
  condition: string | null;
  type: 'explicit' | 'subflow';
  subflowId: string | null;
}

function graphV1(build: GraphBuild): { v: 1; nodes: V1Node[]; edges: V1Edge[] } {
  const nodes = expandedNodes(build).map(({ exec, build: owner }) => v1Node(owner, exec));
  const edges: V1Edge[] = build.graph.edges.map((edge, i) => {
    const source = idOf(build, edge.tail);
    const target = idOf(build, edge.head);
    return { id: `edge_${source}_${target}_${i}`, source, target, condition: edge.condition?.label ?? null, type: 'explicit', subflowId: null };
  });
  edges.push(...subflowEdges(build));
  return { v: 1, nodes, edges };
}

export function graphV1Json(build: GraphBuild): string {
  return pythonJsonIndent(graphV1(build));
}

function v1Node(build: GraphBuild, exec: ExecDef): V1Node {
  const node: V1Node = { id: idOf(build, exec), type: exec.type, label: labelOf(exec) };
  if (exec.kind === 'run_concurrent') {
    node.isSubgraph = true;
    node.children = exec.children.map((child) => idOf(build, child));
  }
  if (exec.kind === 'subflow') {
    const { dangling } = subflowBuilds(build, exec);
    node.isSubflow = true;
    node.subflowSourceId = dangling.sourceId;
    node.subflowSinkId = dangling.sinkId;
  }
  return node;
}

function subflowEdges(build: GraphBuild): V1Edge[] {
  const out: V1Edge[] = [];
  const seen = new Set<string>();
  for (const exec of build.graph.edges.flatMap((e) => [e.tail, e.head])) {
    if (exec.kind !== 'subflow' || seen.has(idOf(build, exec))) continue;
    const subflowId = idOf(build, exec);
    seen.add(subflowId);
    const { shadow } = subflowBuilds(build, exec);
    const pairs = new Set<string>(); // Junjo collapses subflow edges with the same tail and head
    for (const edge of shadow.graph.edges) {
      const source = idOf(shadow, edge.tail);
      const target = idOf(shadow, edge.head);
      if (pairs.has(`${source}>${target}`)) continue;
      pairs.add(`${source}>${target}`);
      out.push({ id: `subflow_${subflowId}_edge_${source}_${target}`, source, target, condition: edge.condition?.label ?? null, type: 'subflow', subflowId });
    }
    out.push(...subflowEdges(shadow));
  }
  return out;
}
