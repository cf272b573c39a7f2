/**
 * Junjo attribute and event keys (formats.md §1.3, §2) and small span predicates.
 * Everything else in this folder reads Junjo data only through these names.
 */
import { boolAttr, stringAttr } from '../model/attributes.ts';
import type { Span } from '../model/span.ts';

export const K = {
  spanType: 'junjo.span_type',
  id: 'junjo.id',
  parentId: 'junjo.parent_id',
  stateStart: 'junjo.workflow.state.start',
  stateEnd: 'junjo.workflow.state.end',
  graphV1: 'junjo.workflow.graph_structure',
  graphV2: 'junjo.workflow.execution_graph_snapshot',
  storeId: 'junjo.workflow.store.id',
  parentStoreId: 'junjo.workflow.parent_store.id',
  contractVersion: 'junjo.telemetry.contract_version',
  definitionId: 'junjo.executable_definition_id',
  runtimeId: 'junjo.executable_runtime_id',
  structuralId: 'junjo.executable_structural_id',
  revisionStart: 'junjo.store.revision.start',
  revisionEnd: 'junjo.store.revision.end',
  transitionCount: 'junjo.store.transition.count',
  reconstructable: 'junjo.store.reconstructable',
  errorType: 'error.type',
  cancelled: 'junjo.cancelled',
} as const;

/** Keys on `set_state` events. */
export const E = {
  setState: 'set_state',
  storeName: 'junjo.store.name',
  storeId: 'junjo.store.id',
  nodeId: 'junjo.node.id',
  action: 'junjo.store.action',
  patch: 'junjo.state_json_patch',
  patchMode: 'junjo.state_json_patch.mode',
  sequence: 'junjo.store.transition.sequence',
  revisionBefore: 'junjo.store.revision.before',
  revisionAfter: 'junjo.store.revision.after',
} as const;

export const spanTypeOf = (span: Span): string | undefined => stringAttr(span.attributes, K.spanType);

/** W and S span types: they own a graph and a store. */
export const isRunType = (type: string | undefined): boolean => type === 'workflow' || type === 'subflow';

/** Span types a graph can draw as a node: node, RC, subflow container, G0 NodeGather. */
export const isGraphNodeType = (type: string | undefined): boolean =>
  type === 'node' || type === 'run_concurrent' || type === 'subflow' || type === 'node_gather';

/** W and S spans: they own a graph and a store. */
export const isRunSpan = (span: Span): boolean => isRunType(spanTypeOf(span));

/** Spans a graph can draw as a node: node, RC, subflow container, G0 NodeGather. */
export const isGraphNodeSpan = (span: Span): boolean => isGraphNodeType(spanTypeOf(span));

const typesBySpans = new WeakMap<readonly Span[], readonly (string | undefined)[]>();

/**
 * `junjo.span_type` of every span of a list, read once per list (kept while the list lives): the
 * analysis passes over the spans several times and must not scan every span's attributes each time.
 */
export function spanTypesOf(spans: readonly Span[]): readonly (string | undefined)[] {
  let types = typesBySpans.get(spans);
  if (!types) {
    const list = new Array<string | undefined>(spans.length);
    for (let i = 0; i < spans.length; i++) list[i] = spanTypeOf(spans[i] as Span);
    types = list;
    typesBySpans.set(spans, types);
  }
  return types;
}

export type RunStatus = 'ok' | 'error' | 'cancelled';

export function spanOutcome(span: Span): RunStatus {
  if (span.status.code === 'error' || stringAttr(span.attributes, K.errorType) !== undefined) return 'error';
  if (boolAttr(span.attributes, K.cancelled) === true) return 'cancelled';
  return 'ok';
}

/**
 * Gives `spanTypesOf(spans)` its answer ahead (one entry per span, as `spanTypeOf` reads it): the page
 * reads the types straight from the worker's columns, without building every span's attributes.
 */
export function rememberSpanTypes(spans: readonly Span[], types: readonly (string | undefined)[]): void {
  typesBySpans.set(spans, types);
}
