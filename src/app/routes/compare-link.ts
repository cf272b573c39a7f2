/**
 * The compare screen's part of the URL (issue 12 §2), read and written only through view-state.ts:
 *
 *   /compare?a=<side>&b=<side>
 *
 * where a side is the trace's own path without its leading slash (`sample/<file>`, `file/<name>`,
 * `<source>/trace/<traceId>`), then `@<traceId>` when the input holds several traces, then `#<run>`
 * (the workflow span id) when the trace holds several runs. A side may be missing (still to pick).
 */
import type { SourceRef } from './view-state.ts';

export type ComparedSource = Extract<SourceRef, { kind: 'sample' | 'file' | 'backend' }>;

export interface CompareSide {
  readonly source: ComparedSource;
  /** Trace id within an input holding several traces. */
  readonly trace?: string;
  /** Span id of the workflow span of the run compared. */
  readonly run?: string;
}

export interface CompareRef {
  readonly a?: CompareSide;
  readonly b?: CompareSide;
}

const hex = /^[0-9a-f]{1,32}$/;

export function parseCompareSide(raw: string | null): CompareSide | undefined {
  if (raw === null || raw === '') return undefined;
  const match = /^(.+?)(?:@([0-9a-f]{1,32}))?(?:#([0-9a-f]{1,32}))?$/.exec(raw.trim());
  if (!match) return undefined;
  const [, path = '', trace, run] = match;
  const parts = path.split('/');
  let source: ComparedSource | undefined;
  if (parts[0] === 'sample' && parts.length === 2 && parts[1]) source = { kind: 'sample', name: parts[1] };
  else if (parts[0] === 'file' && parts.length >= 2 && parts.slice(1).join('/')) source = { kind: 'file', name: parts.slice(1).join('/') };
  else if (parts.length === 3 && parts[1] === 'trace' && parts[0] && parts[2] && hex.test(parts[2].toLowerCase()))
    source = { kind: 'backend', source: parts[0], traceId: parts[2].toLowerCase() };
  if (!source) return undefined;
  return { source, trace, run };
}

export function serializeCompareSide(side: CompareSide): string {
  const { source } = side;
  const path =
    source.kind === 'sample' ? `sample/${source.name}` : source.kind === 'file' ? `file/${source.name}` : `${source.source}/trace/${source.traceId}`;
  return `${path}${side.trace ? `@${side.trace}` : ''}${side.run ? `#${side.run}` : ''}`;
}

/** The compare part of a query string. */
export function parseCompare(params: URLSearchParams): CompareRef {
  return { a: parseCompareSide(params.get('a')), b: parseCompareSide(params.get('b')) };
}

export function writeCompare(compare: CompareRef, params: URLSearchParams): void {
  if (compare.a) params.set('a', serializeCompareSide(compare.a));
  if (compare.b) params.set('b', serializeCompareSide(compare.b));
}

/** A short name for a side, for headings: the file, sample or source and trace. */
export function compareSideLabel(side: CompareSide): string {
  const { source } = side;
  return source.kind === 'backend' ? `${source.source}: ${source.traceId.slice(0, 12)}` : source.name;
}
