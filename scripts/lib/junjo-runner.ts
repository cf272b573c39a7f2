import { trace, type Span, type Tracer } from '@opentelemetry/api';
import { chatCompletion, type LlmCall } from './genai-span.ts';
import { buildGraph, idOf, structuralIdOf, subflowBuilds, type GraphBuild } from './graph-build.ts';
import { nanoid } from './ids.ts';
import type { ExecIdentity, JunjoDialect, WorkflowSpanInfo } from './junjo-dialect.ts';
import { JunjoStore, type State } from './junjo-store.ts';
import { asPythonError } from './python-error.ts';
import type { Prng, SimClock } from './sim-clock.ts';
import { gather, withSpan, type SpanOptions, type Task } from './sim-runtime.ts';
import { labelOf, type ExecDef, type NodeDef, type RunConcurrentDef, type Scenario, type SubflowDef, type WorkflowDef } from './workflow-def.ts';

/**
 * Executes a WorkflowDef as Junjo would and records it through a dialect. Spans nest through
 * the active context; `set_state` events go to whichever span is active when the store changes.
 * Every step between nodes and every await is a simulated delay drawn from the PRNG.
 */
export interface JunjoEnv {
  junjoTracer: Tracer;
  llmTracer: Tracer;
  clock: SimClock;
  prng: Prng;
  dialect: JunjoDialect;
}

/** A workflow object: built once (fixed ids), run any number of times. */
export interface WorkflowObject {
  def: WorkflowDef;
  build: GraphBuild;
}

export function createWorkflow(def: WorkflowDef, prng: Prng): WorkflowObject {
  return { def, build: buildGraph(def.graph, prng) };
}

interface Frame {
  build: GraphBuild;
  /** The executable that directly encloses what runs next (W, S or RC). */
  self: ExecIdentity;
  store: JunjoStore;
  /** How often each node has run in this W/S run (for loop iterations). */
  runs: Map<ExecDef, number>;
}

export function* runWorkflow(env: JunjoEnv, workflow: WorkflowObject, scenario: Scenario): Task<JunjoStore> {
  const { build, def } = workflow;
  const store = newStore(env, def.storeName, def.initialState(scenario));
  const self: ExecIdentity = {
    kind: 'workflow',
    definitionId: build.workflowId,
    runtimeId: nanoid(env.prng),
    structuralId: build.structuralId,
    enclosingGraphId: build.structuralId,
  };
  const info: WorkflowSpanInfo = { self, build, store };
  yield* withSpan(env.junjoTracer, env.clock, def.name, workflowSpanOptions(env, info), function* () {
    yield env.prng.range(0.3, 0.8);
    yield* runGraph(env, { build, self, store, runs: new Map() }, scenario);
    yield env.prng.range(0.2, 0.5);
  });
  return store;
}

function workflowSpanOptions(env: JunjoEnv, info: WorkflowSpanInfo): SpanOptions {
  return {
    attributes: env.dialect.workflowStart(info),
    onEnd: (span) => span.setAttributes(env.dialect.workflowEnd(info)),
    onError: (span, error) => {
      env.dialect.failed(span, asPythonError(error), env.clock.hr());
      span.setAttributes(env.dialect.workflowEnd(info));
    },
  };
}

function* runGraph(env: JunjoEnv, frame: Frame, scenario: Scenario): Task {
  const { graph } = frame.build;
  let current: ExecDef = graph.source;
  for (let step = 1; ; step++) {
    if (step > 100) throw new Error(`${graph.name}: exceeded max_iterations`);
    yield* runExec(env, frame, current, scenario);
    if (graph.sinks.includes(current)) return;
    const edge = graph.edges.find((e) => e.tail === current && (!e.condition || e.condition.test(frame.store.state)));
    if (!edge) throw new Error(`${graph.name}: no edge leaves ${labelOf(current)}`);
    yield env.prng.range(0.05, 0.25); // Junjo resolving the next node
    current = edge.head;
  }
}

function* runExec(env: JunjoEnv, frame: Frame, exec: ExecDef, scenario: Scenario): Task {
  if (exec.kind === 'subflow') return yield* runSubflow(env, frame, exec, scenario);
  const self: ExecIdentity = {
    kind: exec.kind,
    definitionId: idOf(frame.build, exec),
    runtimeId: idOf(frame.build, exec),
    structuralId: structuralIdOf(frame.build, exec),
    enclosingGraphId: frame.build.structuralId,
  };
  const options: SpanOptions = {
    attributes: env.dialect.executable(self, frame.self),
    onError: (span, error) => env.dialect.failed(span, asPythonError(error), env.clock.hr()),
    onCancel: (span, error) => env.dialect.cancelled(span, error.reason),
  };
  const body = exec.kind === 'node' ? nodeBody(env, frame, exec, scenario) : rcBody(env, frame, exec, self, scenario);
  yield* withSpan(env.junjoTracer, env.clock, labelOf(exec), options, body);
}

function nodeBody(env: JunjoEnv, frame: Frame, node: NodeDef, scenario: Scenario): (span: Span) => Task {
  const iteration = (frame.runs.get(node) ?? 0) + 1;
  frame.runs.set(node, iteration);
  const llm = (call: LlmCall): Task<string> => chatCompletion({ tracer: env.llmTracer, clock: env.clock, prng: env.prng }, call);
  return function* () {
    yield env.prng.range(0.05, 0.2); // Junjo's before-node bookkeeping
    yield* node.run({ store: frame.store, llm, prng: env.prng, scenario, iteration });
    yield env.prng.range(0.05, 0.2);
  };
}

function rcBody(env: JunjoEnv, frame: Frame, rc: RunConcurrentDef, self: ExecIdentity, scenario: Scenario): () => Task {
  const inner: Frame = { ...frame, self };
  return function* () {
    yield env.prng.range(0.05, 0.15);
    yield* gather(env.clock, rc.children.map((child) => () => runExec(env, inner, child, scenario)));
    yield env.prng.range(0.05, 0.15);
  };
}

function* runSubflow(env: JunjoEnv, frame: Frame, subflow: SubflowDef, scenario: Scenario): Task {
  const { exec: build } = subflowBuilds(frame.build, subflow);
  const store = newStore(env, subflow.storeName, subflow.initialState());
  const self: ExecIdentity = {
    kind: 'subflow',
    definitionId: build.workflowId,
    runtimeId: nanoid(env.prng),
    structuralId: build.structuralId,
    enclosingGraphId: build.structuralId,
  };
  const info: WorkflowSpanInfo = { self, parent: frame.self, build, store, parentStore: frame.store };
  const hookContext = { store, parentStore: frame.store, prng: env.prng };
  yield* withSpan(env.junjoTracer, env.clock, subflow.label, workflowSpanOptions(env, info), function* () {
    yield* subflow.preRun(hookContext);
    yield* runGraph(env, { build, self, store, runs: new Map() }, scenario);
    yield* subflow.postRun(hookContext);
  });
}

function newStore(env: JunjoEnv, name: string, initial: State): JunjoStore {
  return new JunjoStore(name, nanoid(env.prng), initial, (store, transition) => {
    const span = trace.getActiveSpan();
    if (!span) throw new Error(`set_state on ${name} outside any span`);
    span.addEvent('set_state', env.dialect.stateEvent(store, transition, nanoid(env.prng)), env.clock.hr());
  });
}
