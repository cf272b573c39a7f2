import { SpanStatusCode, type Attributes, type HrTime, type Span } from '@opentelemetry/api';
import { graphV1Json } from './graph-v1.ts';
import { compactJson, pythonJsonDumps } from './json-style.ts';
import type { ExecIdentity, JunjoDialect, WorkflowSpanInfo } from './junjo-dialect.ts';
import type { JunjoStore, StoreTransition } from './junjo-store.ts';
import { recordPythonException, type PythonError } from './python-error.ts';
import { nodeCount } from './workflow-def.ts';

/**
 * Junjo G1 (SDK 0.40–0.62.1): `junjo.id`/`junjo.parent_id`, the v1 graph, state as Pydantic's
 * compact JSON in field order, patches as Python `json.dumps` with spaces, `"{}"` for a no-op.
 */
export class JunjoG1Dialect implements JunjoDialect {
  readonly generation = 'G1' as const;

  workflowStart(info: WorkflowSpanInfo): Attributes {
    const attributes: Attributes = {
      'junjo.span_type': info.self.kind,
      'junjo.id': info.self.definitionId,
    };
    if (info.parent) attributes['junjo.parent_id'] = info.parent.definitionId;
    Object.assign(attributes, {
      'junjo.workflow.state.start': compactJson(info.store.startState),
      'junjo.workflow.graph_structure': graphV1Json(info.build),
      'junjo.workflow.store.id': info.store.id,
    });
    if (info.parentStore) attributes['junjo.workflow.parent_store.id'] = info.parentStore.id;
    attributes['junjo.workflow.node.count'] = nodeCount(info.build.graph, true);
    return attributes;
  }

  workflowEnd(info: WorkflowSpanInfo): Attributes {
    return { 'junjo.workflow.state.end': compactJson(info.store.state) };
  }

  executable(self: ExecIdentity, parent: ExecIdentity): Attributes {
    return {
      'junjo.span_type': self.kind,
      'junjo.id': self.definitionId,
      'junjo.parent_id': parent.definitionId,
    };
  }

  stateEvent(store: JunjoStore, transition: StoreTransition, eventId: string): Attributes {
    return {
      id: eventId,
      'junjo.store.name': store.name,
      'junjo.store.id': store.id,
      'junjo.store.action': transition.action,
      'junjo.state_json_patch': transition.ops.length === 0 ? '{}' : pythonJsonDumps(transition.ops),
    };
  }

  failed(span: Span, error: PythonError, time: HrTime): void {
    recordPythonException(span, error, time);
    span.setStatus({ code: SpanStatusCode.ERROR, message: `${error.shortType}: ${error.message}` });
  }

  cancelled(): void {
    // G1 has no cancellation attributes; the span simply ends early.
  }
}
