/**
 * What a waterfall row shows about its span beyond timing: Junjo span type, bar colour and the
 * cancelled flag. These come from attribute scans, so they are read once per span and cached per
 * trace (filled as rows first appear): a row re-renders on every scroll step and zoom of a
 * 100k-span trace and must not scan attributes each time.
 */
import { K, spanTypesOf } from '../../../core/junjo/junjo-attrs.ts';
import { boolAttr } from '../../../core/model/attributes.ts';
import type { Trace } from '../../../core/model/trace.ts';
import { colorFor } from './span-colors.ts';

export interface SpanLook {
  readonly type: string | undefined;
  readonly color: string;
  readonly cancelled: boolean;
}

const cache = new WeakMap<Trace, (SpanLook | undefined)[]>();

export function spanLook(trace: Trace, spanIndex: number): SpanLook {
  let looks = cache.get(trace);
  if (!looks) {
    looks = [];
    cache.set(trace, looks);
  }
  let look = looks[spanIndex];
  if (!look) {
    const span = trace.spans[spanIndex]!;
    const type = spanTypesOf(trace.spans)[spanIndex];
    look = {
      type,
      color: colorFor(type, span.resource.serviceName, trace.services),
      cancelled: boolAttr(span.attributes, K.cancelled) === true,
    };
    looks[spanIndex] = look;
  }
  return look;
}

/**
 * The bar colour alone, for drawing every span (the overview): from the span types of the whole
 * trace, read once, so it builds no span's attribute list (spanLook reads the cancelled flag too).
 */
export function spanColor(trace: Trace, spanIndex: number): string {
  const span = trace.spans[spanIndex]!;
  return colorFor(spanTypesOf(trace.spans)[spanIndex], span.resource.serviceName, trace.services);
}
