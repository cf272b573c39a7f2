/**
 * The whole screen as data: what a shared link must reproduce. `parseViewState` and
 * `serializeViewState` are the only code that knows the URL layout:
 *
 *   /                               nothing open (start screen)
 *   /sample/<file>                  a bundled sample trace
 *   /file/<name>                    a local file (a reload asks for the file again)
 *   /<source>/trace/<traceId>       a trace from a configured Tempo or Jaeger source
 *   /<source>/runs?workflow=&service=&n=   one workflow across its last n runs (default 50, ≤ 1,000)
 *   /compare?a=…&b=…                two runs compared (compare-link.ts)
 *
 * and the query holds the view: trace, span, q, hide, collapsed, depth, zoom, view,
 * run, node, iter, tx, store, path, cp (critical path), svc+op (statistics row filter),
 * flame (flame mode), focus (flame zoom), sort (statistics order).
 */
import { defaultRunsLimit, maxRunsLimit } from '../../core/backends/workflow-runs-api.ts';
import { parseCompare, writeCompare, type CompareRef } from './compare-link.ts';

export type SourceRef =
  | { readonly kind: 'none' }
  | { readonly kind: 'sample'; readonly name: string }
  | { readonly kind: 'file'; readonly name: string }
  | { readonly kind: 'backend'; readonly source: string; readonly traceId: string }
  /** One workflow across its last `limit` runs in a source with history. */
  | { readonly kind: 'runs'; readonly source: string; readonly workflow: string; readonly service?: string; readonly limit: number }
  /** A path that names no trace (a mistyped or cut link): shown as a message, not as the start page. */
  | { readonly kind: 'invalid'; readonly path: string };

export type ViewName = 'waterfall' | 'graph' | 'state' | 'flame' | 'stats';

/** The critical path: drawn on the waterfall, graph and flame view (`show`), or also filtering them (`only`). */
export type CriticalMode = 'show' | 'only';
/** Flame view: each span as recorded, identical call paths merged (left-heavy), or the critical path only. */
export type FlameMode = 'merged' | 'critical';
/** A statistics table row: service and operation (span name). */
export interface OperationRef {
  readonly service: string;
  readonly operation: string;
}

export interface ViewState {
  readonly source: SourceRef;
  /** Trace id within an input holding several traces. */
  readonly trace?: string;
  /** Selected span id (with `#n` suffix for the n-th duplicate of an id, n ≥ 2). */
  readonly span?: string;
  readonly q: string;
  readonly hideUnmatched: boolean;
  /** Span ids whose children are hidden. */
  readonly collapsed: readonly string[];
  /** Collapse everything deeper than this (applied before `collapsed`). */
  readonly depth?: number;
  /** Visible time window as fractions [from, to] of the trace duration. */
  readonly zoom?: readonly [number, number];
  readonly view: ViewName;
  /**
   * The URL says `view=waterfall`. Without any `view=` the trace decides (default-view.ts); any
   * other view named in the URL is explicit by itself.
   */
  readonly viewGiven?: boolean;
  /** Workflow run: span id of its workflow span. */
  readonly run?: string;
  /** Graph node id (runtime id in the graph JSON) and 1-based iteration. */
  readonly node?: string;
  readonly iter?: number;
  /** Subflow graph shown (span id of the subflow span), for the breadcrumb. */
  readonly graph?: string;
  /**
   * State view: store id, 0-based transition index, and a key path (JSON pointer). The URL writes the
   * transition as its number on screen (`tx=3` is "Transition 3", index 2): one numbering for people.
   */
  readonly store?: string;
  readonly tx?: number;
  readonly path?: string;
  readonly critical?: CriticalMode;
  /** Waterfall filtered to one statistics row (and the spans' ancestors). */
  readonly op?: OperationRef;
  readonly flame?: FlameMode;
  /** Flame view zoomed into this span's subtree (a span key), or a merged frame path. */
  readonly focus?: string;
  /** Statistics order: a column name, `-` first for descending. */
  readonly sort?: string;
  /** The compare screen (`/compare`): its two sides; the source is then 'none'. */
  readonly compare?: CompareRef;
}

export const emptyViewState: ViewState = {
  source: { kind: 'none' },
  q: '',
  hideUnmatched: false,
  collapsed: [],
  view: 'waterfall',
};

const views: readonly ViewName[] = ['waterfall', 'graph', 'state', 'flame', 'stats'];
const hexId = /^[0-9a-f]{1,32}$/;

export function parseViewState(pathname: string, search: string): ViewState {
  const params = new URLSearchParams(search);
  const parts = pathname.split('/').filter(Boolean).map(safeDecode);
  let source: SourceRef = { kind: 'none' };
  const compare = parts.length === 1 && parts[0] === 'compare' ? parseCompare(params) : undefined;
  if (compare) source = { kind: 'none' };
  else if (parts[0] === 'sample' && parts[1]) source = { kind: 'sample', name: parts[1] };
  else if (parts[0] === 'file' && parts[1]) source = { kind: 'file', name: parts[1] };
  else if (parts.length === 3 && parts[1] === 'trace' && parts[0] && parts[2] && hexId.test(parts[2].toLowerCase()))
    source = { kind: 'backend', source: parts[0], traceId: parts[2].toLowerCase() };
  else if (parts.length === 2 && parts[1] === 'runs' && parts[0]) source = runsSource(parts[0], params);
  else if (parts.length > 0 && !(parts.length === 1 && parts[0] === 'index.html')) source = { kind: 'invalid', path: `/${parts.join('/')}` };

  const view = params.get('view');
  const zoom = parseZoom(params.get('zoom'));
  const depth = parseNonNegativeInt(params.get('depth'));
  const iter = parseNonNegativeInt(params.get('iter'));
  const txNumber = parseNonNegativeInt(params.get('tx'));
  const tx = txNumber !== undefined && txNumber >= 1 ? txNumber - 1 : undefined;
  const cp = params.get('cp');
  const flame = params.get('flame');
  const service = params.get('svc');
  const operation = params.get('op');
  return {
    source,
    trace: params.get('trace') ?? undefined,
    span: params.get('span') ?? undefined,
    q: params.get('q') ?? '',
    hideUnmatched: params.get('hide') === '1',
    collapsed: (params.get('collapsed') ?? '').split(',').filter((id) => id !== ''),
    depth,
    zoom,
    view: views.includes(view as ViewName) ? (view as ViewName) : 'waterfall',
    viewGiven: view === 'waterfall' ? true : undefined,
    run: params.get('run') ?? undefined,
    node: params.get('node') ?? undefined,
    iter: iter !== undefined && iter >= 1 ? iter : undefined,
    graph: params.get('graph') ?? undefined,
    store: params.get('store') ?? undefined,
    tx,
    path: params.get('path') ?? undefined,
    critical: cp === '1' ? 'show' : cp === 'only' ? 'only' : undefined,
    op: service !== null && operation !== null ? { service, operation } : undefined,
    flame: flame === 'merged' || flame === 'critical' ? flame : undefined,
    focus: params.get('focus') ?? undefined,
    sort: params.get('sort') ?? undefined,
    compare,
  };
}

export function serializeViewState(state: ViewState): string {
  const path = state.compare ? '/compare' : sourcePath(state.source);
  const params = new URLSearchParams();
  if (state.compare) writeCompare(state.compare, params);
  const put = (key: string, value: string | number | undefined) => {
    if (value !== undefined && value !== '') params.set(key, String(value));
  };
  if (state.source.kind === 'runs') {
    put('workflow', state.source.workflow);
    put('service', state.source.service);
    if (state.source.limit !== defaultRunsLimit) put('n', state.source.limit);
  }
  put('trace', state.trace);
  if (state.view !== 'waterfall' || state.viewGiven) put('view', state.view);
  put('run', state.run);
  put('graph', state.graph);
  put('node', state.node);
  put('iter', state.iter);
  put('span', state.span);
  put('q', state.q);
  if (state.hideUnmatched) params.set('hide', '1');
  put('depth', state.depth);
  if (state.collapsed.length > 0) params.set('collapsed', state.collapsed.join(','));
  if (state.zoom) params.set('zoom', `${roundFraction(state.zoom[0])}-${roundFraction(state.zoom[1])}`);
  put('store', state.store);
  put('tx', state.tx === undefined ? undefined : state.tx + 1);
  put('path', state.path);
  if (state.critical) params.set('cp', state.critical === 'show' ? '1' : 'only');
  if (state.op) {
    params.set('svc', state.op.service);
    params.set('op', state.op.operation);
  }
  put('flame', state.flame);
  put('focus', state.focus);
  put('sort', state.sort);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

function sourcePath(source: SourceRef): string {
  switch (source.kind) {
    case 'none':
      return '/';
    case 'invalid':
      return source.path.split('/').map(encodeURIComponent).join('/');
    case 'sample':
      return `/sample/${encodeURIComponent(source.name)}`;
    case 'file':
      return `/file/${encodeURIComponent(source.name)}`;
    case 'backend':
      return `/${encodeURIComponent(source.source)}/trace/${source.traceId}`;
    case 'runs':
      return `/${encodeURIComponent(source.source)}/runs`;
  }
}

export { defaultRunsLimit, maxRunsLimit };

function runsSource(source: string, params: URLSearchParams): SourceRef {
  const n = parseNonNegativeInt(params.get('n'));
  const service = params.get('service');
  return {
    kind: 'runs',
    source,
    workflow: params.get('workflow') ?? '',
    ...(service ? { service } : {}),
    limit: n === undefined || n < 1 ? defaultRunsLimit : Math.min(n, maxRunsLimit),
  };
}

function parseZoom(raw: string | null): readonly [number, number] | undefined {
  if (!raw) return undefined;
  const match = /^(\d*\.?\d+)-(\d*\.?\d+)$/.exec(raw);
  if (!match) return undefined;
  const from = Number(match[1]);
  const to = Number(match[2]);
  if (!(from >= 0 && to <= 1 && to > from)) return undefined;
  return [from, to];
}

function parseNonNegativeInt(raw: string | null): number | undefined {
  if (raw === null || !/^\d{1,9}$/.test(raw)) return undefined;
  return Number(raw);
}

const roundFraction = (value: number): string => String(Math.round(value * 1e6) / 1e6);

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
