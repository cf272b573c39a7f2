/**
 * Tooltips of the waterfall rows, written when the pointer is over them instead of in every render:
 * a scroll frame renders a fresh set of about 35 rows, and building and setting a title string per
 * row (the name, the count of spans below, each event mark) is script and DOM work in every frame for
 * tooltips nobody is looking at. The grid calls `titleUnderPointer` on mouse moves (a browser also
 * sends one after a scroll, when the row under a still pointer changed), so the title always
 * describes the span the element shows now, even when a scroll reused the element for another span.
 */
import type { Trace } from '../../../core/model/trace.ts';
import { formatDuration } from '../../../core/model/time.ts';
import { countOf } from '../../ui/count-of.ts';
import { eventMarks } from './event-marks.ts';

/** What in a row carries a tooltip: its name, its count of spans below, or its `nth` event mark. */
export type RowTitled = { readonly kind: 'label' | 'count' } | { readonly kind: 'event'; readonly nth: number };

/** The tooltip of `part` in the row of `spanIndex` (the window as the row draws it), or undefined. */
export function rowTitle(trace: Trace, spanIndex: number, part: RowTitled, windowStart: number, width: number): string | undefined {
  const span = trace.spans[spanIndex];
  if (!span) return undefined;
  if (part.kind !== 'event') return part.kind === 'label' ? `${span.resource.serviceName}: ${span.name}` : `${countOf(trace.descendants[spanIndex] ?? 0, 'span')} below`;
  const mark = eventMarks(span.events, windowStart, width)[part.nth];
  if (!mark) return undefined;
  const at = formatDuration(mark.time - span.start);
  return mark.count === 1 ? `${mark.name || '(event)'} at +${at}` : `${mark.count} events from +${at}`;
}

function titledPart(element: Element): RowTitled | undefined {
  const kind = element.classList;
  if (kind.contains('wf-label')) return { kind: 'label' };
  if (kind.contains('wf-count')) return { kind: 'count' };
  const marks = element.parentElement?.querySelectorAll(':scope > .wf-event');
  return marks ? { kind: 'event', nth: [...marks].indexOf(element) } : undefined;
}

/** Sets the title of the row element under the pointer (`target` of a mouse event in the grid). */
export function titleUnderPointer(trace: Trace, target: EventTarget | null, windowStart: number, width: number): void {
  if (!(target instanceof Element)) return;
  const element = target.closest('.wf-label, .wf-count, .wf-event');
  const row = element?.closest('.wf-row');
  const part = element ? titledPart(element) : undefined;
  if (!element || !row || !part || !row.id.startsWith('wf-row-')) return;
  const title = rowTitle(trace, Number(row.id.slice('wf-row-'.length)), part, windowStart, width);
  if (title === undefined) element.removeAttribute('title');
  else if (element.getAttribute('title') !== title) element.setAttribute('title', title);
}
