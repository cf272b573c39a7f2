import { SpanStatusCode, type Attributes, type HrTime, type Span } from '@opentelemetry/api';
import { graphV2Json } from './graph-v2.ts';
import { sortedCompactJson } from './json-style.ts';
import type { ExecIdentity, JunjoDialect, WorkflowSpanInfo } from './junjo-dialect.ts';
import type { JunjoStore, StoreTransition } from './junjo-store.ts';
import { recordPythonException, type PythonError } from './python-error.ts';
import { nodeCount } from './workflow-def.ts';

const FULL = { mode: 'full', policy: 'junjo.full.v1' } as const;

/** A full payload and its `.mode`/`.policy` siblings. */
function payload(key: string, value: string): Attributes {
  return { [key]: value, [`${key}.mode`]: FULL.mode, [`${key}.policy`]: FULL.policy };
}

/**
 * Junjo G3, telemetry contract v2 (SDK 0.65+): definition/runtime/structural ids, the v2 graph
 * snapshot, store revisions and transition sequences, compact sorted JSON, `"[]"` for a no-op,
 * `error.type` + `exception` on every span a failure passes through, and cancellation flags.
 */
export class JunjoG3Dialect implements JunjoDialect {
  readonly generation = 'G3' as const;

  /** `correlation` is the optional app pair (`junjo.correlation.type`/`.id`) every span inherits. */
  constructor(private readonly correlation?: { type: string; id: string }) {}

  workflowStart(info: WorkflowSpanInfo): Attributes {
    const { self, parent, store } = info;
    return {
      ...this.common(self, parent),
      ...(parent ? { 'junjo.parent_executable_type': parent.kind } : {}),
      ...payload('junjo.workflow.state.start', sortedCompactJson(store.startState)),
      'junjo.workflow.execution_graph_snapshot': graphV2Json(info.build),
      'junjo.workflow.store.id': store.id,
      ...(info.parentStore ? { 'junjo.workflow.parent_store.id': info.parentStore.id } : {}),
      'junjo.workflow.node.count': nodeCount(info.build.graph, false),
      'junjo.store.revision.start': store.revision,
    };
  }

  workflowEnd(info: WorkflowSpanInfo): Attributes {
    const { store } = info;
    return {
      ...payload('junjo.workflow.state.end', sortedCompactJson(store.state)),
      'junjo.store.revision.end': store.revision,
      'junjo.store.transition.count': store.transitions.length,
      'junjo.store.reconstructable': store.replayMatches(),
    };
  }

  executable(self: ExecIdentity, parent: ExecIdentity): Attributes {
    return this.common(self, parent);
  }

  stateEvent(store: JunjoStore, transition: StoreTransition, eventId: string): Attributes {
    return {
      id: eventId,
      'junjo.store.name': store.name,
      'junjo.store.id': store.id,
      'junjo.store.action': transition.action,
      ...payload('junjo.state_json_patch', sortedCompactJson(transition.ops)),
      'junjo.store.transition.sequence': transition.sequence,
      'junjo.store.revision.before': transition.revisionBefore,
      'junjo.store.revision.after': transition.revisionAfter,
    };
  }

  failed(span: Span, error: PythonError, time: HrTime): void {
    span.setAttribute('error.type', error.type);
    recordPythonException(span, error, time);
    span.setStatus({ code: SpanStatusCode.ERROR, message: `${error.shortType}: ${error.message}` });
  }

  cancelled(span: Span, reason: 'sibling_failed' | 'cancelled'): void {
    span.setAttributes({ 'junjo.cancelled': true, 'junjo.cancelled_reason': reason });
  }

  private common(self: ExecIdentity, parent: ExecIdentity | undefined): Attributes {
    const attributes: Attributes = {
      'junjo.telemetry.contract_version': 2,
      'junjo.span_type': self.kind,
      'junjo.executable_definition_id': self.definitionId,
      'junjo.executable_runtime_id': self.runtimeId,
      'junjo.executable_structural_id': self.structuralId,
      'junjo.enclosing_graph_structural_id': self.enclosingGraphId,
    };
    if (parent) {
      attributes['junjo.parent_executable_definition_id'] = parent.definitionId;
      attributes['junjo.parent_executable_runtime_id'] = parent.runtimeId;
      attributes['junjo.parent_executable_structural_id'] = parent.structuralId;
    }
    if (this.correlation) {
      attributes['junjo.correlation.type'] = this.correlation.type;
      attributes['junjo.correlation.id'] = this.correlation.id;
    }
    return attributes;
  }
}
