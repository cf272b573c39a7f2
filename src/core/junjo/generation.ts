/**
 * Junjo telemetry generation of one workflow/subflow span (formats.md §1.1; first match wins).
 * G3: contract_version = 2. G2: executable_runtime_id present. G1: junjo.id present, unless the
 * span's subtree holds a `node_gather` span or a workflow span lacks a store id (then G0).
 * Detect per W/S span: one trace can mix SDK versions.
 */
import { numberAttr, stringAttr } from '../model/attributes.ts';
import type { Trace } from '../model/trace.ts';
import { K, spanTypeOf, spanTypesOf } from './junjo-attrs.ts';

export type Generation = 'G0' | 'G1' | 'G2' | 'G3';

export type GenerationResult =
  | { readonly known: true; readonly generation: Generation }
  | { readonly known: false; readonly message: string };

export function detectGeneration(trace: Trace, spanIndex: number): GenerationResult {
  const span = trace.spans[spanIndex];
  if (!span) return { known: false, message: `No span at index ${spanIndex}` };
  const attrs = span.attributes;
  if (numberAttr(attrs, K.contractVersion) === 2) return { known: true, generation: 'G3' };
  if (stringAttr(attrs, K.runtimeId) !== undefined) return { known: true, generation: 'G2' };
  if (stringAttr(attrs, K.id) !== undefined) {
    const isWorkflow = spanTypeOf(span) === 'workflow';
    if ((isWorkflow && stringAttr(attrs, K.storeId) === undefined) || hasNodeGather(trace, spanIndex))
      return { known: true, generation: 'G0' };
    return { known: true, generation: 'G1' };
  }
  return {
    known: false,
    message: `"${span.name}" is a Junjo workflow span without junjo.id, a runtime id or a contract version`,
  };
}

/** Pre-order makes a subtree a contiguous range: [index + 1, index + descendants]. */
function hasNodeGather(trace: Trace, spanIndex: number): boolean {
  const last = spanIndex + (trace.descendants[spanIndex] ?? 0);
  const types = spanTypesOf(trace.spans);
  for (let i = spanIndex + 1; i <= last; i++) if (types[i] === 'node_gather') return true;
  return false;
}
