import { describe, expect, it } from 'vitest';
import { g3ContractV2Sample, g3FailureSample } from './junjo-samples.ts';
import { replayStore, spanViews, type SpanView } from './trace-query.ts';

const g3 = spanViews(g3ContractV2Sample().data);
const failure = spanViews(g3FailureSample().data);
const NANOID = /^[A-Za-z0-9_-]{21}$/;
const one = (views: SpanView[], name: string): SpanView => {
  const found = views.filter((v) => v.span.name === name);
  if (found.length !== 1) throw new Error(`expected one ${name}, found ${found.length}`);
  return found[0] as SpanView;
};

interface V2 {
  v: number;
  graphStructuralId: string;
  nodes: Array<Record<string, unknown>>;
  edges: Array<Record<string, unknown>>;
}
const snapshot = (view: SpanView): V2 => JSON.parse(String(view.attrs.get('junjo.workflow.execution_graph_snapshot'))) as V2;

describe('G3 contract v2 sample', () => {
  const workflow = one(g3, 'demo_base_workflow');
  const subflow = one(g3, 'SampleSubflow');

  it('marks every Junjo span with contract v2 ids', () => {
    for (const view of g3.filter((v) => v.scope === 'junjo')) {
      expect(view.attrs.get('junjo.telemetry.contract_version')).toBe(2);
      expect(view.attrs.get('junjo.executable_definition_id')).toMatch(NANOID);
      expect(view.attrs.get('junjo.executable_runtime_id')).toMatch(NANOID);
      expect(view.attrs.get('junjo.executable_structural_id')).toMatch(/^(graph|node)_[0-9a-f]{32}$/);
      expect(view.attrs.get('junjo.enclosing_graph_structural_id')).toMatch(/^graph_[0-9a-f]{32}$/);
      expect(view.attrs.has('junjo.id')).toBe(false);
    }
    expect(workflow.attrs.get('junjo.executable_runtime_id')).not.toBe(workflow.attrs.get('junjo.executable_definition_id'));
    expect(workflow.attrs.get('junjo.workflow.node.count')).toBe(8);
    expect(subflow.attrs.get('junjo.parent_executable_type')).toBe('workflow');
    expect(subflow.attrs.get('junjo.parent_executable_runtime_id')).toBe(workflow.attrs.get('junjo.executable_runtime_id'));
    expect(one(g3, 'CreateJokeNode').attrs.get('junjo.parent_executable_runtime_id')).toBe(subflow.attrs.get('junjo.executable_runtime_id'));
  });

  it('writes compact, key-sorted v2 snapshots; the subflow has its own with new runtime ids', () => {
    const text = String(workflow.attrs.get('junjo.workflow.execution_graph_snapshot'));
    expect(text.startsWith('{"edges":[{"edgeConditionLabel"')).toBe(true);
    const main = snapshot(workflow);
    const own = snapshot(subflow);
    expect(main.graphStructuralId).toBe(workflow.attrs.get('junjo.executable_structural_id'));
    expect(own.graphStructuralId).toBe(subflow.attrs.get('junjo.executable_structural_id'));
    expect(main.edges[0]?.edgeScope).toBe('subflow');
    expect(own.edges.every((e) => e.edgeScope === 'explicit')).toBe(true);
    const inParent = main.nodes.find((n) => n.nodeType === 'CreateJokeNode');
    const inOwn = own.nodes.find((n) => n.nodeType === 'CreateJokeNode');
    expect(inOwn?.nodeStructuralId).toBe(inParent?.nodeStructuralId);
    expect(inOwn?.nodeRuntimeId).not.toBe(inParent?.nodeRuntimeId);
    expect(inOwn?.nodeRuntimeId).toBe(one(g3, 'CreateJokeNode').attrs.get('junjo.executable_runtime_id'));
    const container = main.nodes.find((n) => n.isSubflow === true);
    expect(container?.subflowGraphStructuralId).toBe(own.graphStructuralId);
  });

  it('verifies store revisions, sequences, .mode/.policy and "[]" no-ops', () => {
    for (const run of [workflow, subflow]) {
      expect(run.attrs.get('junjo.workflow.state.start.mode')).toBe('full');
      expect(run.attrs.get('junjo.workflow.state.end.policy')).toBe('junjo.full.v1');
      expect(run.attrs.get('junjo.store.reconstructable')).toBe(true);
      const { state, events } = replayStore(g3, run);
      expect(state).toEqual(JSON.parse(String(run.attrs.get('junjo.workflow.state.end'))));
      expect(events.map((e) => e.attrs.get('junjo.store.transition.sequence'))).toEqual(events.map((_, i) => i + 1));
      expect(events.length).toBe(run.attrs.get('junjo.store.transition.count'));
      let revision = run.attrs.get('junjo.store.revision.start');
      for (const e of events) {
        expect(e.attrs.get('junjo.store.revision.before')).toBe(revision);
        revision = e.attrs.get('junjo.store.revision.after');
        expect(e.attrs.get('junjo.state_json_patch.mode')).toBe('full');
        if (e.attrs.get('junjo.state_json_patch') === '[]') expect(revision).toBe(e.attrs.get('junjo.store.revision.before'));
      }
      expect(revision).toBe(run.attrs.get('junjo.store.revision.end'));
    }
    const patches = replayStore(g3, workflow).events.map((e) => e.attrs.get('junjo.state_json_patch'));
    expect(patches).toContain('[]');
    expect(patches.every((p) => !String(p).includes('": '))).toBe(true);
  });
});

describe('G3 failure sample', () => {
  it('records the failure on the node, the RunConcurrent and the workflow', () => {
    for (const name of ['DecrementNode', 'Counter Nodes', 'demo_base_workflow', 'POST /run']) {
      const view = one(failure, name);
      expect(view.span.status?.code, name).toBe(2);
      expect(view.attrs.get('error.type')).toBe('sample_app.errors.CounterUnderflowError');
      const exception = view.span.events?.find((e) => e.name === 'exception');
      const keys = exception?.attributes?.map((kv) => kv.key);
      expect(keys).toEqual(['exception.type', 'exception.message', 'exception.stacktrace', 'exception.escaped']);
    }
    const workflow = one(failure, 'demo_base_workflow');
    expect(workflow.attrs.has('junjo.workflow.state.end')).toBe(true);
    expect(replayStore(failure, workflow).state).toEqual(JSON.parse(String(workflow.attrs.get('junjo.workflow.state.end'))));
    expect(failure.some((v) => v.span.name === 'SampleSubflow')).toBe(false);
  });

  it('cancels the unfinished siblings without marking them as errors', () => {
    for (const name of ['IncrementNode', 'AddTenNode']) {
      const view = one(failure, name);
      expect(view.attrs.get('junjo.cancelled')).toBe(true);
      expect(view.attrs.get('junjo.cancelled_reason')).toBe('sibling_failed');
      expect(view.span.status?.code ?? 0).toBe(0);
      expect(view.attrs.has('error.type')).toBe(false);
    }
  });
});
