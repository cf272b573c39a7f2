import { PythonError } from './python-error.ts';
import type { GraphDef, NodeDef, RunConcurrentDef, SubflowDef, WorkflowDef } from './workflow-def.ts';

/**
 * The base example of formats.md §3.1/§4, plus a loop:
 * CountItems → RC "Counter Nodes" {Increment, Decrement, AddTen} → SampleSubflow
 * {CreateJoke → CreateFact} → Exact | Even | Odd → Refine (↺ while NeedsRefinement()) → Final.
 * Decrement and Increment both write `/counter` concurrently: a possible race.
 */
const node = (type: string, run: NodeDef['run']): NodeDef => ({ kind: 'node', type, run });

const countItems = node('CountItemsNode', function* ({ store, prng }) {
  yield prng.range(1.5, 3);
  store.update('set_counter', (s) => (s.counter = (s.items as string[]).length));
});

const increment = node('IncrementNode', function* ({ store, prng }) {
  yield prng.range(12, 16);
  store.update('increment', (s) => (s.counter = (s.counter as number) + 1));
  yield prng.range(0.5, 1.5);
});

const decrement = node('DecrementNode', function* ({ store, prng }) {
  yield prng.range(6, 9);
  const counter = store.state.counter as number;
  if (counter <= 0) {
    throw new PythonError('sample_app.errors.CounterUnderflowError', `cannot decrement: counter is ${counter}`, [
      ['/usr/local/lib/python3.12/site-packages/junjo/node.py', 131, 'execute', 'await self.service(store)'],
      ['/app/sample_app/nodes/counters.py', 42, 'service', 'await store.decrement(minimum=0)'],
      ['/app/sample_app/store.py', 58, 'decrement', 'raise CounterUnderflowError(f"cannot decrement: counter is {self.counter}")'],
    ]);
  }
  store.update('decrement', (s) => (s.counter = counter - 1));
  yield prng.range(0.5, 1.5);
});

const addTen = node('AddTenNode', function* ({ store, prng }) {
  yield prng.range(20, 26);
  store.update('add_ten', (s) => (s.bonus = (s.bonus as number) + 10));
  yield prng.range(0.5, 1.5);
});

const counterNodes: RunConcurrentDef = {
  kind: 'run_concurrent',
  type: 'RunConcurrent',
  label: 'Counter Nodes',
  children: [increment, decrement, addTen],
};

const createJoke = node('CreateJokeNode', function* ({ store, llm, prng }) {
  yield prng.range(0.4, 0.9);
  const items = (store.state.items as string[]).join(', ');
  const joke = yield* llm({
    model: 'gpt-4o',
    system: 'You are a friendly comedian. Answer with one short joke.',
    prompt: `Tell me a joke about these items: ${items}`,
    completion: `Why did the ${(store.state.items as string[])[0] ?? 'list'} skip the meeting? It heard the agenda was just items it already knew.`,
    temperature: 0.9,
  });
  store.update('set_joke', (s) => (s.joke = joke));
});

const createFact = node('CreateFactNode', function* ({ store, llm, prng }) {
  yield prng.range(0.4, 0.9);
  const fact = yield* llm({
    model: 'gpt-4o-mini',
    system: 'You state one true, surprising fact in a single sentence.',
    prompt: `Give me a fun fact related to: ${(store.state.items as string[]).join(', ')}`,
    completion: 'Bananas are berries, botanically speaking, while strawberries are not.',
    temperature: 0.3,
  });
  store.update('set_fact', (s) => (s.fact = fact));
});

const sampleSubflowGraph: GraphDef = {
  name: 'SampleSubflow',
  source: createJoke,
  sinks: [createFact],
  edges: [{ tail: createJoke, head: createFact }],
};

const sampleSubflow: SubflowDef = {
  kind: 'subflow',
  type: 'SampleSubflow',
  label: 'SampleSubflow',
  graph: sampleSubflowGraph,
  storeName: 'SampleSubflowStore',
  initialState: () => ({ items: [], joke: null, fact: null }),
  *preRun({ store, parentStore, prng }) {
    yield prng.range(0.2, 0.5);
    store.update('set_items', (s) => (s.items = [...(parentStore.state.items as string[])]));
  },
  *postRun({ store, parentStore, prng }) {
    yield prng.range(0.2, 0.5);
    parentStore.update('set_joke', (s) => (s.joke = store.state.joke));
    yield prng.range(0.05, 0.2);
    parentStore.update('set_fact', (s) => (s.fact = store.state.fact));
  },
};

const pathNode = (type: string, path: string): NodeDef =>
  node(type, function* ({ store, prng }) {
    yield prng.range(0.5, 1.2);
    store.update('set_path', (s) => (s.path = path));
  });

const exactPath = pathNode('ExactPathNode', 'exact');
const evenPath = pathNode('EvenPathNode', 'even');
const oddPath = pathNode('OddPathNode', 'odd');

const DRAFTS = [
  'Counted items and told a joke.',
  'We counted {n} items, told a joke about them and found a fun fact.',
  'We counted {n} items, told a joke about them and found a fun fact.',
];

const refine = node('RefineNode', function* ({ store, llm, prng, scenario, iteration }) {
  yield prng.range(0.3, 0.8);
  const n = String(store.state.counter);
  const draft = (DRAFTS[Math.min(iteration, DRAFTS.length) - 1] ?? '').replace('{n}', n);
  const reviewed = yield* llm({
    model: 'gpt-4o-mini',
    system: 'Improve the summary. Return only the improved summary.',
    prompt: `Summary so far: ${String(store.state.draft ?? '(none)')}\nJoke: ${String(store.state.joke)}`,
    completion: draft,
    temperature: 0.2,
  });
  // On the last pass the model returns the same draft: a no-op `set_state`.
  store.update('set_draft', (s) => (s.draft = reviewed));
  yield prng.range(0.1, 0.3);
  const quality = scenario.qualities[iteration - 1] ?? 1;
  store.update('set_quality', (s) => {
    s.quality = quality;
    s.revisions = iteration;
  });
});

const finalNode = node('FinalNode', function* ({ store, prng }) {
  yield prng.range(0.8, 1.6);
  store.update('set_final_message', (s) => (s.final_message = `${String(s.draft)} (${String(s.path)} path)`));
});

export const sampleWorkflow: WorkflowDef = {
  name: 'demo_base_workflow',
  storeName: 'SampleWorkflowStore',
  initialState: (scenario) => ({
    items: [...scenario.items],
    counter: 0,
    bonus: 0,
    joke: null,
    fact: null,
    path: null,
    draft: null,
    quality: null,
    revisions: 0,
    final_message: null,
  }),
  graph: {
    name: 'demo_base_workflow',
    source: countItems,
    sinks: [finalNode],
    edges: [
      { tail: countItems, head: counterNodes },
      { tail: counterNodes, head: sampleSubflow },
      { tail: sampleSubflow, head: exactPath, condition: { label: 'MatchesCount(15)', test: (s) => s.counter === 15 } },
      { tail: sampleSubflow, head: evenPath, condition: { label: 'CounterIsEven()', test: (s) => (s.counter as number) % 2 === 0 } },
      { tail: sampleSubflow, head: oddPath },
      { tail: exactPath, head: refine },
      { tail: evenPath, head: refine },
      { tail: oddPath, head: refine },
      { tail: refine, head: refine, condition: { label: 'NeedsRefinement()', test: (s) => (s.quality as number) < 0.8 } },
      { tail: refine, head: finalNode },
    ],
  },
};
