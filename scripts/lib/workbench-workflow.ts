import { PythonError } from './python-error.ts';
import type { GraphDef, NodeDef, RunConcurrentDef, SubflowDef, WorkflowDef } from './workflow-def.ts';

/**
 * The debugging-workbench sample: what a Junjo developer chases when a run goes wrong.
 * PlanNode (LLM, OpenInference) → DraftNode (LLM, GenAI JSON with a tool call) ⇄ ReviewNode
 * (LLM, Junjo agent) → ResearchSubflow {GatherNode → FactCheckSubflow {RC "Checks"
 * {SourceCheckNode, CitationCheckNode, ToneCheckNode}}} → PublishNode.
 * CitationCheckNode raises inside the RunConcurrent inside the nested subflow; the RC, both
 * subflows, the workflow and the HTTP request end in error. SourceCheckNode and ToneCheckNode
 * both write /checks_done while both are running.
 */
const node = (type: string, run: NodeDef['run']): NodeDef => ({ kind: 'node', type, run });

const plan = node('PlanNode', function* ({ store, llm, prng }) {
  yield prng.range(0.3, 0.6);
  const outline = yield* llm({
    style: 'openinference',
    model: 'claude-3-5-sonnet',
    system: 'You plan short research articles. Answer with a three-point outline.',
    prompt: `Topic: ${String(store.state.topic)}`,
    completion: '1. Where honeybees forage\n2. How the waggle dance encodes distance\n3. What that means for urban gardens',
    temperature: 0.4,
  });
  store.update('set_outline', (s) => (s.outline = outline));
});

const draft = node('DraftNode', function* ({ store, llm, prng, iteration }) {
  yield prng.range(0.2, 0.5);
  const text = yield* llm({
    style: 'json',
    model: 'gpt-4o',
    system: 'Write the article from the outline. Look facts up with the search tool when unsure.',
    prompt: `Outline:\n${String(store.state.outline)}\nReviewer notes: ${String(store.state.notes ?? 'none')}`,
    completion: iteration === 1 ? 'Bees dance to share where flowers are. <b>Bold</b> claims need sources.' : 'Honeybees encode distance in the duration of the waggle run (Frisch, 1967).',
    toolCalls: iteration === 1 ? [{ name: 'search_papers', arguments: { query: 'waggle dance distance encoding', limit: 3 } }] : [],
    temperature: 0.7,
  });
  store.update('set_draft', (s) => {
    s.draft = text;
    s.drafts = (s.drafts as number) + 1;
  });
});

const review = node('ReviewNode', function* ({ store, llm, prng, iteration }) {
  yield prng.range(0.2, 0.5);
  const verdict = iteration === 1 ? 'revise: cite the source of the distance claim' : 'approve';
  yield* llm({
    style: 'junjo-agent',
    model: 'gpt-4o-mini',
    system: 'You review drafts. Answer "approve" or "revise: <note>".',
    prompt: String(store.state.draft),
    completion: verdict,
  });
  store.update('set_review', (s) => {
    s.approved = verdict === 'approve';
    s.notes = verdict === 'approve' ? null : verdict.slice('revise: '.length);
  });
});

const gather = node('GatherNode', function* ({ store, prng }) {
  yield prng.range(1, 2);
  store.update('set_sources', (s) => (s.sources = ['frisch-1967', 'seeley-2010']));
});

const sourceCheck = node('SourceCheckNode', function* ({ store, prng }) {
  yield prng.range(3, 4);
  store.update('source_checked', (s) => (s.checks_done = (s.checks_done as number) + 1));
  yield prng.range(0.5, 1);
});

const citationCheck = node('CitationCheckNode', function* ({ store, prng }) {
  yield prng.range(8, 9);
  const sources = store.state.sources as string[];
  throw new PythonError('research_app.errors.MissingCitationError', `draft cites nothing; ${sources.length} sources gathered`, [
    ['/usr/local/lib/python3.12/site-packages/junjo/node.py', 131, 'execute', 'await self.service(store)'],
    ['/app/research_app/nodes/checks.py', 27, 'service', 'raise MissingCitationError(len(sources))'],
  ]);
});

const toneCheck = node('ToneCheckNode', function* ({ store, prng }) {
  yield prng.range(3, 4);
  store.update('tone_checked', (s) => (s.checks_done = (s.checks_done as number) + 1));
  yield prng.range(0.5, 1);
});

const checks: RunConcurrentDef = { kind: 'run_concurrent', type: 'RunConcurrent', label: 'Checks', children: [sourceCheck, citationCheck, toneCheck] };

const factCheckGraph: GraphDef = { name: 'FactCheckSubflow', source: checks, sinks: [checks], edges: [] };

const factCheck: SubflowDef = {
  kind: 'subflow',
  type: 'FactCheckSubflow',
  label: 'FactCheckSubflow',
  graph: factCheckGraph,
  storeName: 'FactCheckStore',
  initialState: () => ({ sources: [], checks_done: 0 }),
  *preRun({ store, parentStore, prng }) {
    yield prng.range(0.1, 0.3);
    store.update('set_sources', (s) => (s.sources = [...(parentStore.state.sources as string[])]));
  },
  *postRun({ parentStore, store, prng }) {
    yield prng.range(0.1, 0.3);
    parentStore.update('set_checks', (s) => (s.checks_done = store.state.checks_done));
  },
};

const researchGraph: GraphDef = { name: 'ResearchSubflow', source: gather, sinks: [factCheck], edges: [{ tail: gather, head: factCheck }] };

const research: SubflowDef = {
  kind: 'subflow',
  type: 'ResearchSubflow',
  label: 'ResearchSubflow',
  graph: researchGraph,
  storeName: 'ResearchStore',
  initialState: () => ({ sources: [], checks_done: 0 }),
  *preRun({ prng }) {
    yield prng.range(0.1, 0.3);
  },
  *postRun({ parentStore, store, prng }) {
    yield prng.range(0.1, 0.3);
    parentStore.update('set_sources', (s) => (s.sources = store.state.sources));
  },
};

const publish = node('PublishNode', function* ({ store, prng }) {
  yield prng.range(0.5, 1);
  store.update('publish', (s) => (s.published = true));
});

export const workbenchWorkflow: WorkflowDef = {
  name: 'research_article_workflow',
  storeName: 'ArticleStore',
  initialState: () => ({ topic: 'How honeybees tell each other where flowers are', outline: null, draft: null, drafts: 0, notes: null, approved: false, sources: [], published: false }),
  graph: {
    name: 'research_article_workflow',
    source: plan,
    sinks: [publish],
    edges: [
      { tail: plan, head: draft },
      { tail: draft, head: review },
      { tail: review, head: draft, condition: { label: 'NeedsRevision()', test: (s) => s.approved !== true } },
      { tail: review, head: research },
      { tail: research, head: publish },
    ],
  },
};
