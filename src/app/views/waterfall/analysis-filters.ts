/**
 * The waterfall's filters from the analyses: "critical path only" and a statistics row, combined with
 * the search's keep-mask. Each mask is closed under ancestors, so their intersection is too.
 */
import type { Trace } from '../../../core/model/trace.ts';
import { criticalKeepOf, operationKeepOf } from '../../data/trace-analyses.ts';
import type { OperationRef } from '../../routes/view-state.ts';

export function analysisKeep(trace: Trace, searchKeep: Uint8Array | undefined, criticalOnly: boolean, op: OperationRef | undefined): Uint8Array | undefined {
  const masks: Uint8Array[] = [];
  if (searchKeep) masks.push(searchKeep);
  if (criticalOnly) masks.push(criticalKeepOf(trace));
  if (op) masks.push(operationKeepOf(trace, op).keep);
  if (masks.length <= 1) return masks[0];
  const out = masks[0]!.slice();
  for (const mask of masks.slice(1)) for (let i = 0; i < out.length; i++) out[i] = out[i]! & mask[i]!;
  return out;
}
