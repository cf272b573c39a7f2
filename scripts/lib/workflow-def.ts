import type { JunjoStore, State } from './junjo-store.ts';
import type { LlmCall } from './genai-span.ts';
import type { Prng } from './sim-clock.ts';
import type { Task } from './sim-runtime.ts';

/**
 * A small model of a Junjo workflow definition: nodes, RunConcurrent groups and subflows joined
 * by edges. The runner walks it the way Junjo does: start at the source, run a node, then follow
 * the first outgoing edge whose condition holds, until a sink has run.
 */

/** What a sample run varies: the input and the answers the "LLM" gives. */
export interface Scenario {
  items: string[];
  /** Quality score the reviewer returns on each RefineNode iteration. */
  qualities: number[];
}

export interface NodeContext {
  /** The store of the enclosing workflow or subflow. */
  store: JunjoStore;
  llm: (call: LlmCall) => Task<string>;
  prng: Prng;
  scenario: Scenario;
  /** 1 on the first run of this node in this workflow run, 2 on the next loop iteration, … */
  iteration: number;
}

export interface NodeDef {
  kind: 'node';
  type: string;
  run: (ctx: NodeContext) => Task;
}

export interface RunConcurrentDef {
  kind: 'run_concurrent';
  type: 'RunConcurrent';
  label: string;
  children: NodeDef[];
}

export interface SubflowHookContext {
  store: JunjoStore;
  parentStore: JunjoStore;
  prng: Prng;
}

export interface SubflowDef {
  kind: 'subflow';
  type: string;
  label: string;
  graph: GraphDef;
  storeName: string;
  initialState: () => State;
  /** Runs in the subflow span before the graph (usually writes the subflow store). */
  preRun: (ctx: SubflowHookContext) => Task;
  /** Runs in the subflow span after the graph (usually writes the parent store). */
  postRun: (ctx: SubflowHookContext) => Task;
}

export type ExecDef = NodeDef | RunConcurrentDef | SubflowDef;

export interface Condition {
  label: string;
  test: (state: Readonly<State>) => boolean;
}

export interface EdgeDef {
  tail: ExecDef;
  head: ExecDef;
  condition?: Condition;
}

export interface GraphDef {
  /** The workflow or subflow name; also seeds the structural ids. */
  name: string;
  source: ExecDef;
  sinks: ExecDef[];
  edges: EdgeDef[];
}

export interface WorkflowDef {
  name: string;
  storeName: string;
  graph: GraphDef;
  initialState: (scenario: Scenario) => State;
}

export function labelOf(exec: ExecDef): string {
  return exec.kind === 'node' ? exec.type : exec.label;
}

/** Graph nodes in Junjo's serialization order: source, sinks, then as the edges reach them. */
export function orderedNodes(graph: GraphDef): ExecDef[] {
  const seen = new Set<ExecDef>();
  const add = (exec: ExecDef): void => {
    if (!seen.has(exec)) seen.add(exec);
  };
  add(graph.source);
  graph.sinks.forEach(add);
  for (const edge of graph.edges) {
    add(edge.tail);
    add(edge.head);
  }
  return [...seen];
}

/** `junjo.workflow.node.count`: RC counts as one; a subflow as one (G3) or as its internals (G1). */
export function nodeCount(graph: GraphDef, expandSubflows: boolean): number {
  let count = 0;
  for (const exec of orderedNodes(graph)) {
    count += exec.kind === 'subflow' && expandSubflows ? nodeCount(exec.graph, true) : 1;
  }
  return count;
}
