/**
 * Two Junjo workflow runs lined up by structure (issue 12 §2): nodes by their structural key
 * (node-keys.ts), iterations by occurrence index, edges by their ends' keys. Says which nodes ran in
 * only one run, how their durations, iteration counts and statuses changed, and which edges of the
 * declared graph were taken in A only, in B only or in both. Runs of different workflow versions are
 * still compared on what matches, with `sameVersion` false for a banner.
 */
import type { Trace } from '../model/trace.ts';
import type { JunjoFound } from '../junjo/analyze-junjo.ts';
import type { GraphNodeKind, WorkflowGraph } from '../junjo/graph-model.ts';
import { spanOutcome, type RunStatus } from '../junjo/junjo-attrs.ts';
import type { NodeRunStatus } from '../junjo/path-taken.ts';
import { graphKeys, sameGraphVersion, type GraphKeys } from './node-keys.ts';

/** One side of a comparison: a run of a loaded trace. */
export interface RunSide {
  readonly trace: Trace;
  readonly analysis: JunjoFound;
  readonly runIndex: number;
}

export interface NodeSide {
  readonly nodeId: string;
  readonly label: string;
  readonly runCount: number;
  /** ns, the sum over its iterations. */
  readonly totalDuration: number;
  readonly status: NodeRunStatus;
  /** Per iteration, in start order. */
  readonly durations: readonly number[];
  readonly statuses: readonly RunStatus[];
}

/** Where a node or edge ran (or was taken): in both runs, in one, or in neither. */
export type Presence = 'both' | 'a-only' | 'b-only' | 'neither';

export interface NodeComparison {
  readonly key: string;
  readonly label: string;
  readonly kind: GraphNodeKind;
  /** Undefined when the node is not in that run's graph (different workflow versions). */
  readonly a?: NodeSide;
  readonly b?: NodeSide;
  readonly ran: Presence;
  /** B total − A total (ns), when the node ran in both. */
  readonly durationDelta?: number;
  /** The delta as a fraction of A's total (0.25 = 25 % longer), when A's total is above zero. */
  readonly durationChange?: number;
  /** Ran in both and ended differently (ok, error, cancelled). */
  readonly statusChanged: boolean;
  readonly countChanged: boolean;
}

export interface EdgeComparison {
  readonly key: string;
  readonly aEdgeId?: string;
  readonly bEdgeId?: string;
  readonly aCount: number;
  readonly bCount: number;
  readonly taken: Presence;
}

export interface RunComparison {
  readonly sameVersion: boolean;
  /** Run names, when they differ (another workflow altogether). */
  readonly nameA: string;
  readonly nameB: string;
  readonly statusA: RunStatus;
  readonly statusB: RunStatus;
  /** ns */
  readonly durationA: number;
  readonly durationB: number;
  /** In A's graph order, then nodes only in B's graph. */
  readonly nodes: readonly NodeComparison[];
  readonly edges: readonly EdgeComparison[];
  /** Nodes and edges that differ in any way (presence, count, status): 0 means the same path and outcomes. */
  readonly differenceCount: number;
  /** Either run has no readable graph: only the run-level figures are compared. */
  readonly graphProblem: string | null;
}

interface SideData {
  readonly graph: WorkflowGraph;
  readonly keys: GraphKeys;
  readonly nodes: Map<string, NodeSide & { readonly kind: GraphNodeKind }>;
  readonly edges: Map<string, { readonly id: string; readonly count: number }>;
}

function sideData(side: RunSide): SideData | string {
  const run = side.analysis.runs[side.runIndex];
  if (!run) return `run ${side.runIndex} is not in the trace`;
  if (!run.graph.ok) return `"${run.name}" has no readable graph (${run.graph.error.message})`;
  const graph = run.graph.graph;
  const keys = graphKeys(graph);
  const path = side.analysis.paths[side.runIndex];
  const stats = new Map((path?.nodeStats ?? []).map((entry) => [entry.nodeId, entry]));
  const nodes = new Map<string, NodeSide & { readonly kind: GraphNodeKind }>();
  for (const node of graph.nodes) {
    const entry = stats.get(node.id);
    const spans = entry?.spanIndexes ?? [];
    nodes.set(keys.nodeKey.get(node.id) as string, {
      nodeId: node.id,
      label: node.label,
      kind: node.kind,
      runCount: entry?.runCount ?? 0,
      totalDuration: entry?.totalDuration ?? 0,
      status: entry?.status ?? 'not-run',
      durations: spans.map((s) => {
        const span = side.trace.spans[s];
        return span ? Math.max(0, span.end - span.start) : 0;
      }),
      statuses: spans.map((s) => {
        const span = side.trace.spans[s];
        return span ? spanOutcome(span) : 'ok';
      }),
    });
  }
  const edges = new Map<string, { id: string; count: number }>();
  for (const edge of graph.edges) edges.set(keys.edgeKey.get(edge.id) as string, { id: edge.id, count: path?.edgeTraversals[edge.id] ?? 0 });
  return { graph, keys, nodes, edges };
}

const presence = (inA: boolean, inB: boolean): Presence => (inA && inB ? 'both' : inA ? 'a-only' : inB ? 'b-only' : 'neither');

function runFigures(side: RunSide): { name: string; status: RunStatus; duration: number } {
  const run = side.analysis.runs[side.runIndex];
  const span = run ? side.trace.spans[run.spanIndex] : undefined;
  return { name: run?.name ?? '(no run)', status: span ? spanOutcome(span) : 'ok', duration: span ? Math.max(0, span.end - span.start) : 0 };
}

export function compareRuns(sideA: RunSide, sideB: RunSide): RunComparison {
  const figA = runFigures(sideA);
  const figB = runFigures(sideB);
  const head = { nameA: figA.name, nameB: figB.name, statusA: figA.status, statusB: figB.status, durationA: figA.duration, durationB: figB.duration };
  const a = sideData(sideA);
  const b = sideData(sideB);
  if (typeof a === 'string' || typeof b === 'string') {
    const problem = [typeof a === 'string' ? `A: ${a}` : '', typeof b === 'string' ? `B: ${b}` : ''].filter(Boolean).join('; ');
    return { ...head, sameVersion: false, nodes: [], edges: [], differenceCount: figA.status !== figB.status ? 1 : 0, graphProblem: problem };
  }
  const keys = [...a.nodes.keys(), ...[...b.nodes.keys()].filter((key) => !a.nodes.has(key))];
  const nodes = keys.map((key): NodeComparison => {
    const na = a.nodes.get(key);
    const nb = b.nodes.get(key);
    const ranA = (na?.runCount ?? 0) > 0;
    const ranB = (nb?.runCount ?? 0) > 0;
    const both = ranA && ranB && na !== undefined && nb !== undefined;
    const delta = both ? nb.totalDuration - na.totalDuration : undefined;
    return {
      key,
      label: (na ?? nb)?.label ?? key,
      kind: (na ?? nb)?.kind ?? 'node',
      a: na && strip(na),
      b: nb && strip(nb),
      ran: presence(ranA, ranB),
      durationDelta: delta,
      durationChange: both && na.totalDuration > 0 && delta !== undefined ? delta / na.totalDuration : undefined,
      statusChanged: both && na.status !== nb.status,
      countChanged: (na?.runCount ?? 0) !== (nb?.runCount ?? 0),
    };
  });
  const edgeKeys = [...a.edges.keys(), ...[...b.edges.keys()].filter((key) => !a.edges.has(key))];
  const edges = edgeKeys.map((key): EdgeComparison => {
    const ea = a.edges.get(key);
    const eb = b.edges.get(key);
    const aCount = ea?.count ?? 0;
    const bCount = eb?.count ?? 0;
    return { key, aEdgeId: ea?.id, bEdgeId: eb?.id, aCount, bCount, taken: presence(aCount > 0, bCount > 0) };
  });
  const differenceCount =
    nodes.filter((node) => node.statusChanged || node.countChanged || node.a === undefined || node.b === undefined).length +
    edges.filter((edge) => edge.aCount !== edge.bCount || edge.aEdgeId === undefined || edge.bEdgeId === undefined).length;
  return { ...head, sameVersion: sameGraphVersion(a.graph, b.graph, a.keys, b.keys), nodes, edges, differenceCount, graphProblem: null };
}

function strip(node: NodeSide & { readonly kind: GraphNodeKind }): NodeSide {
  const { kind: _kind, ...rest } = node;
  return rest;
}
