/**
 * Infers the path a run took through its graph (conditions are not recorded; formats.md §3.3).
 * Within one level of the graph (the run's top level, or one subflow container's internals) the node
 * spans are put in start order; each consecutive pair (a, b) traverses the edge node(a) → node(b).
 * RC children are not a level of their own (they run inside their RC node); loops simply repeat pairs.
 * A consecutive pair with no matching edge is reported as unexplained rather than guessed.
 */
import type { Span } from '../model/span.ts';
import type { Trace } from '../model/trace.ts';
import type { GraphEdge, WorkflowGraph } from './graph-model.ts';
import { spanOutcome } from './junjo-attrs.ts';
import type { RunLinks } from './link-spans.ts';
import type { WorkflowRun } from './workflow-runs.ts';

export type NodeRunStatus = 'ok' | 'error' | 'cancelled' | 'not-run';

export interface NodeStats {
  readonly nodeId: string;
  readonly runCount: number;
  /** Sum of the durations of the node's spans (ns). */
  readonly totalDuration: number;
  /** Worst outcome over its runs: error > cancelled > ok; not-run when no span. */
  readonly status: NodeRunStatus;
  readonly spanIndexes: readonly number[];
}

export interface UnexplainedStep {
  readonly fromNodeId: string;
  readonly toNodeId: string;
  readonly fromSpan: number;
  readonly toSpan: number;
}

export interface PathTaken {
  readonly runIndex: number;
  /** Edge id → times traversed (only traversed edges appear). */
  readonly edgeTraversals: Record<string, number>;
  readonly nodeStats: readonly NodeStats[];
  /** Node ids in the order they first ran at the top level. */
  readonly order: readonly string[];
  readonly unexplained: readonly UnexplainedStep[];
}

const byStart = (trace: Trace) => (x: number, y: number) => (trace.spans[x]?.start ?? 0) - (trace.spans[y]?.start ?? 0) || x - y;

export function inferPathTaken(trace: Trace, run: WorkflowRun, links: RunLinks, junjoParent: readonly number[]): PathTaken {
  const edgeTraversals: Record<string, number> = {};
  const unexplained: UnexplainedStep[] = [];
  const graph: WorkflowGraph | null = run.graph.ok ? run.graph.graph : null;
  const nodeOfSpan = new Map<number, string>();
  for (const [nodeId, spans] of Object.entries(links.nodeSpans)) for (const s of spans) nodeOfSpan.set(s, nodeId);

  // First edge per (container, source, target): a lookup per step instead of a scan of all edges.
  const edgeKey = (container: string | null, from: string, to: string) => `${container ?? ''}\u0000${from}\u0000${to}`;
  const edgeByEnds = new Map<string, GraphEdge>();
  for (const e of graph?.edges ?? []) {
    const key = edgeKey(e.container, e.source, e.target);
    if (!edgeByEnds.has(key)) edgeByEnds.set(key, e);
  }

  const walkLevel = (levelSpans: number[], container: string | null) => {
    levelSpans.sort(byStart(trace));
    for (let i = 1; i < levelSpans.length; i++) {
      const fromSpan = levelSpans[i - 1] as number;
      const toSpan = levelSpans[i] as number;
      const from = nodeOfSpan.get(fromSpan) as string;
      const to = nodeOfSpan.get(toSpan) as string;
      const edge: GraphEdge | undefined = edgeByEnds.get(edgeKey(container, from, to));
      if (edge) edgeTraversals[edge.id] = (edgeTraversals[edge.id] ?? 0) + 1;
      else unexplained.push({ fromNodeId: from, toNodeId: to, fromSpan, toSpan });
    }
  };

  const topLevel = run.nodeSpans.filter((s) => junjoParent[s] === run.spanIndex && links.spanNode[s] !== undefined);
  walkLevel(topLevel, null);
  const order: string[] = [];
  for (const s of topLevel) {
    const id = links.spanNode[s] as string;
    if (!order.includes(id)) order.push(id);
  }
  if (graph) {
    // Linked spans grouped by their Junjo parent once (not a scan of every linked span per subflow run).
    const linkedByParent = new Map<number, number[]>();
    for (const s of nodeOfSpan.keys()) {
      const p = junjoParent[s] ?? -1;
      if (p < 0 || p === s) continue;
      const list = linkedByParent.get(p);
      if (list) list.push(s);
      else linkedByParent.set(p, [s]);
    }
    for (const container of graph.nodes.filter((node) => node.kind === 'subflow')) {
      for (const subflowSpan of links.nodeSpans[container.id] ?? []) {
        const level = [...(linkedByParent.get(subflowSpan) ?? [])];
        walkLevel(level, container.id);
      }
    }
  }

  const nodeStats = (graph?.nodes ?? []).map((node): NodeStats => {
    const spanIndexes = links.nodeSpans[node.id] ?? [];
    let totalDuration = 0;
    let status: NodeRunStatus = spanIndexes.length > 0 ? 'ok' : 'not-run';
    for (const s of spanIndexes) {
      const span = trace.spans[s] as Span;
      totalDuration += Math.max(0, span.end - span.start);
      const outcome = spanOutcome(span);
      if (outcome === 'error') status = 'error';
      else if (outcome === 'cancelled' && status !== 'error') status = 'cancelled';
    }
    return { nodeId: node.id, runCount: spanIndexes.length, totalDuration, status, spanIndexes };
  });
  return { runIndex: run.index, edgeTraversals, nodeStats, order, unexplained };
}
