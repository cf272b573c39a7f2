import type { Attributes, HrTime, Span } from '@opentelemetry/api';
import type { GraphBuild } from './graph-build.ts';
import type { JunjoStore, StoreTransition } from './junjo-store.ts';
import type { PythonError } from './python-error.ts';

/**
 * What differs between Junjo telemetry generations. The runner decides what runs and when;
 * a dialect decides which attributes and events that produces (junjo-g1.ts, junjo-g3.ts).
 */
export interface ExecIdentity {
  kind: 'workflow' | 'subflow' | 'node' | 'run_concurrent';
  /** The object id: G1 `junjo.id`, G3 `junjo.executable_definition_id`. */
  definitionId: string;
  /** New per run for W/S; equal to the definition id for N/RC. */
  runtimeId: string;
  /** `graph_…` for W/S, `node_…` for N/RC. */
  structuralId: string;
  /** The graph this executable belongs to (W/S: their own graph). */
  enclosingGraphId: string;
}

export interface WorkflowSpanInfo {
  self: ExecIdentity;
  /** The enclosing executable of a subflow (its workflow, subflow or RC). */
  parent?: ExecIdentity;
  /** The build whose ids the spans carry; the span's graph attribute is drawn from it. */
  build: GraphBuild;
  store: JunjoStore;
  parentStore?: JunjoStore;
}

export interface JunjoDialect {
  readonly generation: 'G1' | 'G3';
  /** Attributes a W/S span gets when it starts. */
  workflowStart(info: WorkflowSpanInfo): Attributes;
  /** Attributes a W/S span gets when it ends (also on failure). */
  workflowEnd(info: WorkflowSpanInfo): Attributes;
  /** Attributes of a node or RunConcurrent span. */
  executable(self: ExecIdentity, parent: ExecIdentity): Attributes;
  /** Attributes of one `set_state` event. */
  stateEvent(store: JunjoStore, transition: StoreTransition, eventId: string): Attributes;
  /** Marks a span that failed or that a failure passed through (node, RC, W/S). */
  failed(span: Span, error: PythonError, time: HrTime): void;
  /** Marks a span that was cancelled because a sibling failed. */
  cancelled(span: Span, reason: 'sibling_failed' | 'cancelled'): void;
}
