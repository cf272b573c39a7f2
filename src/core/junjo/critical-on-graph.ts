/**
 * A run's schedule (`run-schedule.ts`) drawn on one declared graph: which nodes and edges are on the
 * critical path, and each other node's slack. The schedule is computed for the top-level run (slack is
 * relative to the whole run's end) and mapped onto any run's graph, including a subflow's own graph,
 * through that run's span↔node links.
 */
import type { Trace } from '../model/trace.ts';
import type { JunjoRuns } from './analyze-junjo.ts';
import type { GraphEdge } from './graph-model.ts';
import { runSchedule, type InstanceTiming, type RunSchedule } from './run-schedule.ts';
import { topLevelRun } from './workflow-runs.ts';

export interface NodeCriticality {
  readonly nodeId: string;
  /** Some instance of the node is on the critical path. */
  readonly critical: boolean;
  /** The smallest slack over its instances (ns). */
  readonly slack: number;
  /** Scheduling overhead summed over its instances (ns). */
  readonly overhead: number;
  /** Per instance (iterations, in start order). */
  readonly instances: readonly InstanceTiming[];
}

export interface CriticalGraph {
  readonly runIndex: number;
  readonly schedule: RunSchedule;
  /** Node id → criticality, for nodes that ran. */
  readonly nodes: Readonly<Record<string, NodeCriticality>>;
  /** Ids of the edges taken between two critical instances. */
  readonly criticalEdges: readonly string[];
}

const cache = new WeakMap<JunjoRuns, Map<number, RunSchedule>>();

/** The schedule of a top-level run, memoized per analysis. */
export function scheduleOfRun(trace: Trace, analysis: JunjoRuns, topRunIndex: number): RunSchedule | null {
  const run = analysis.runs[topRunIndex];
  if (!run) return null;
  let byRun = cache.get(analysis);
  if (!byRun) cache.set(analysis, (byRun = new Map()));
  let schedule = byRun.get(topRunIndex);
  if (!schedule) byRun.set(topRunIndex, (schedule = runSchedule(trace, run.spanIndex, analysis.spanIndex.junjoParent)));
  return schedule;
}

export function criticalOnGraph(trace: Trace, analysis: JunjoRuns, runIndex: number): CriticalGraph | null {
  const run = analysis.runs[runIndex];
  const links = analysis.links[runIndex];
  if (!run || !links || !run.graph.ok) return null;
  const schedule = scheduleOfRun(trace, analysis, topLevelRun(analysis.runs, runIndex));
  if (!schedule) return null;
  const graph = run.graph.graph;
  const nodeOfSpan = new Map<number, string>();
  for (const [nodeId, spans] of Object.entries(links.nodeSpans)) for (const s of spans) nodeOfSpan.set(s, nodeId);

  const byNode = new Map<string, InstanceTiming[]>();
  for (const instance of schedule.instances) {
    const nodeId = nodeOfSpan.get(instance.spanIndex);
    if (nodeId === undefined) continue;
    const list = byNode.get(nodeId);
    if (list) list.push(instance);
    else byNode.set(nodeId, [instance]);
  }
  const nodes: Record<string, NodeCriticality> = {};
  for (const [nodeId, instances] of byNode) {
    instances.sort((a, b) => a.start - b.start || a.spanIndex - b.spanIndex);
    nodes[nodeId] = {
      nodeId,
      critical: instances.some((i) => i.critical),
      slack: Math.min(...instances.map((i) => i.slack)),
      overhead: instances.reduce((sum, i) => sum + i.overhead, 0),
      instances,
    };
  }

  const edgeKey = (container: string | null, from: string, to: string) => `${container ?? ''}\u0000${from}\u0000${to}`;
  const edgeByEnds = new Map<string, GraphEdge>();
  for (const e of graph.edges) {
    const key = edgeKey(e.container, e.source, e.target);
    if (!edgeByEnds.has(key)) edgeByEnds.set(key, e);
  }
  const criticalEdges = new Set<string>();
  for (const step of schedule.steps) {
    if (!step.critical) continue;
    const from = nodeOfSpan.get(step.from);
    const to = nodeOfSpan.get(step.to);
    if (from === undefined || to === undefined) continue;
    // The level's container in this graph: its top level (this run's own span), or a subflow node.
    const container = step.container === run.spanIndex ? null : nodeOfSpan.get(step.container);
    if (container === undefined) continue;
    const edge = edgeByEnds.get(edgeKey(container, from, to));
    if (edge) criticalEdges.add(edge.id);
  }
  return { runIndex, schedule, nodes, criticalEdges: [...criticalEdges] };
}
