/**
 * Parses a v2 graph (`junjo.workflow.execution_graph_snapshot`, G2/G3; formats.md §3.2) into the
 * shared model. The first node is the source; subflow edges name their immediate container in
 * `parentSubflowRuntimeId`. Unknown fields are ignored; missing required ones become warnings or an error.
 */
import { parseJsonAttr } from './json-attr.ts';
import { finishGraph, str, strArray, type GraphEdge, type GraphParseResult, type RawNode } from './graph-model.ts';
import { isJsonObject } from './json-value.ts';

export function parseGraphV2(text: string): GraphParseResult {
  const parsed = parseJsonAttr(text);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const doc = parsed.value;
  if (!isJsonObject(doc) || !Array.isArray(doc.nodes) || !Array.isArray(doc.edges))
    return { ok: false, error: { kind: 'invalid-shape', message: 'A v2 graph snapshot needs "nodes" and "edges" arrays', raw: text } };
  const warnings: string[] = [];
  if (doc.v !== 2) warnings.push(`Snapshot says v=${JSON.stringify(doc.v)}; read as v2`);
  const nodes: RawNode[] = [];
  for (const [i, raw] of doc.nodes.entries()) {
    const id = isJsonObject(raw) ? str(raw.nodeRuntimeId) : null;
    if (!isJsonObject(raw) || id === null) {
      warnings.push(`Node ${i + 1} has no nodeRuntimeId: skipped`);
      continue;
    }
    const type = str(raw.nodeType) ?? 'Node';
    const isRc = raw.isConcurrentSubgraph === true;
    const isSubflow = raw.isSubflow === true;
    nodes.push({
      id,
      label: str(raw.nodeLabel) ?? type,
      type,
      kind: isRc ? 'run_concurrent' : isSubflow ? 'subflow' : 'node',
      structuralId: str(raw.nodeStructuralId),
      children: isRc ? strArray(raw.childNodeRuntimeIds) : [],
      subflow: isSubflow
        ? {
            graphStructuralId: str(raw.subflowGraphStructuralId),
            sourceId: str(raw.subflowSourceNodeRuntimeId),
            sinkIds: strArray(raw.subflowSinkNodeRuntimeIds),
            derivedFromEdges: false,
          }
        : null,
    });
  }
  const edges: GraphEdge[] = [];
  for (const [i, raw] of doc.edges.entries()) {
    const source = isJsonObject(raw) ? str(raw.tailNodeRuntimeId) : null;
    const target = isJsonObject(raw) ? str(raw.headNodeRuntimeId) : null;
    if (!isJsonObject(raw) || source === null || target === null) {
      warnings.push(`Edge ${i + 1} has no tail or head: skipped`);
      continue;
    }
    const container = str(raw.parentSubflowRuntimeId);
    edges.push({
      id: str(raw.edgeStructuralId) ?? `edge_${source}_${target}_${i}`,
      source,
      target,
      condition: str(raw.edgeConditionLabel),
      scope: raw.edgeScope === 'subflow' || (raw.edgeScope === undefined && container !== null) ? 'subflow' : 'explicit',
      container,
    });
  }
  return { ok: true, graph: finishGraph(2, str(doc.graphStructuralId), nodes, edges, warnings, true) };
}
