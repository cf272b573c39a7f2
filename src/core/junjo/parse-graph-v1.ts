/**
 * Parses a v1 graph (`junjo.workflow.graph_structure`, G0/G1; formats.md §3.1) into the shared model.
 * Quirk handled: in SDK 0.50–0.62 `subflowSourceId`/`subflowSinkId` match no node (a second build of the
 * subflow); then the subflow's source/sinks are derived from its `subflow` edges instead.
 */
import { parseJsonAttr } from './json-attr.ts';
import { finishGraph, str, strArray, type GraphEdge, type GraphParseResult, type RawNode } from './graph-model.ts';
import { isJsonObject } from './json-value.ts';

export function parseGraphV1(text: string): GraphParseResult {
  const parsed = parseJsonAttr(text);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const doc = parsed.value;
  if (!isJsonObject(doc) || !Array.isArray(doc.nodes) || !Array.isArray(doc.edges))
    return { ok: false, error: { kind: 'invalid-shape', message: 'A v1 graph needs "nodes" and "edges" arrays', raw: text } };
  const warnings: string[] = [];
  const notes: string[] = [];
  if (doc.v !== undefined && doc.v !== 1) warnings.push(`Graph says v=${JSON.stringify(doc.v)}; read as v1`);
  const edges: GraphEdge[] = [];
  for (const [i, raw] of doc.edges.entries()) {
    const source = isJsonObject(raw) ? str(raw.source) : null;
    const target = isJsonObject(raw) ? str(raw.target) : null;
    if (!isJsonObject(raw) || source === null || target === null) {
      warnings.push(`Edge ${i + 1} has no source or target: skipped`);
      continue;
    }
    const scope = raw.type === 'subflow' ? 'subflow' : 'explicit';
    edges.push({
      id: str(raw.id) ?? `edge_${source}_${target}_${i}`,
      source,
      target,
      condition: str(raw.condition),
      scope,
      container: scope === 'subflow' ? str(raw.subflowId) : null,
    });
  }
  const ids = new Set(doc.nodes.map((raw) => (isJsonObject(raw) ? str(raw.id) : null)));
  const nodes: RawNode[] = [];
  for (const [i, raw] of doc.nodes.entries()) {
    const id = isJsonObject(raw) ? str(raw.id) : null;
    if (!isJsonObject(raw) || id === null) {
      warnings.push(`Node ${i + 1} has no id: skipped`);
      continue;
    }
    const type = str(raw.type) ?? 'Node';
    const isRc = raw.isSubgraph === true;
    const isSubflow = raw.isSubflow === true;
    let subflow = null;
    if (isSubflow) {
      const declaredSource = str(raw.subflowSourceId);
      const declaredSink = str(raw.subflowSinkId);
      const dangling = (declaredSource !== null && !ids.has(declaredSource)) || (declaredSink !== null && !ids.has(declaredSink));
      if (dangling || declaredSource === null || declaredSink === null) {
        const inner = edges.filter((edge) => edge.container === id);
        const heads = new Set(inner.map((edge) => edge.target));
        const tails = new Set(inner.map((edge) => edge.source));
        const members = [...new Set(inner.flatMap((edge) => [edge.source, edge.target]))];
        if (dangling) notes.push(`Subflow ${str(raw.label) ?? id}: source/sink ids match no node; derived from its edges`);
        subflow = {
          graphStructuralId: null,
          sourceId: members.find((m) => !heads.has(m)) ?? null,
          sinkIds: members.filter((m) => !tails.has(m)),
          derivedFromEdges: true,
        };
      } else subflow = { graphStructuralId: null, sourceId: declaredSource, sinkIds: [declaredSink], derivedFromEdges: false };
    }
    nodes.push({
      id,
      label: str(raw.label) ?? type,
      type,
      kind: isRc ? 'run_concurrent' : isSubflow ? 'subflow' : 'node',
      structuralId: null,
      children: isRc ? strArray(raw.children) : [],
      subflow,
    });
  }
  return { ok: true, graph: finishGraph(1, null, nodes, edges, warnings, false, notes) };
}
