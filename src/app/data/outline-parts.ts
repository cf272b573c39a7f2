/**
 * The page's side of `splitOutline` (core/junjo/junjo-outline.ts): the trace worker sends a large
 * outline's lists in 'junjo-part' messages before the 'junjo' batch that holds its shell, so no single
 * message costs the page a long deserialization. Parts are kept per trace index of one load until the
 * shell arrives, then joined in the order they came.
 */
import { joinOutline, type JunjoOutlineAnalysis, type OutlinePart } from '../../core/junjo/junjo-outline.ts';

export class OutlineParts {
  private readonly parts = new Map<number, OutlinePart[]>();

  constructor(readonly loadId: number) {}

  add(traceIndex: number, part: OutlinePart): void {
    const list = this.parts.get(traceIndex);
    if (list) list.push(part);
    else this.parts.set(traceIndex, [part]);
  }

  /** The trace's whole analysis: `analysis` with the parts sent before it, which are then let go. */
  complete(traceIndex: number, analysis: JunjoOutlineAnalysis): JunjoOutlineAnalysis {
    const parts = this.parts.get(traceIndex);
    if (!parts || analysis.kind !== 'junjo') return analysis;
    this.parts.delete(traceIndex);
    return joinOutline(analysis, parts);
  }
}
