import { describe, expect, it } from 'vitest';
import { emptyViewState, parseViewState, serializeViewState, type ViewState } from './view-state.ts';

const roundTrip = (state: ViewState): ViewState => {
  const url = new URL(serializeViewState(state), 'http://viewer.test');
  return parseViewState(url.pathname, url.search);
};

describe('view state in the URL', () => {
  it.each<[string, ViewState]>([
    ['start screen', emptyViewState],
    ['a link that names no trace', { ...emptyViewState, source: { kind: 'invalid', path: '/tempo/trace/zzzz' } }],
    ['sample with a selected span', { ...emptyViewState, source: { kind: 'sample', name: 'junjo-g1-legacy.json' }, span: 'ab12cd34ef56ab78' }],
    ['file with search and hidden branches', { ...emptyViewState, source: { kind: 'file', name: 'my trace (1).json' }, q: 'http.method=GET', hideUnmatched: true }],
    ['backend trace with zoom and collapse', { ...emptyViewState, source: { kind: 'backend', source: 'tempo-prod', traceId: '0123456789abcdef0123456789abcdef' }, zoom: [0.25, 0.5], collapsed: ['aa', 'bb'], depth: 2 }],
    ['the waterfall asked for by name (a Junjo trace would open on its graph)', { ...emptyViewState, source: { kind: 'sample', name: 's.json' }, view: 'waterfall', viewGiven: true }],
    ['graph selection', { ...emptyViewState, source: { kind: 'sample', name: 's.json' }, view: 'graph', run: 'r1', node: 'Vh3kQ9bX2mLp7RtY0aZcE', iter: 3, graph: 'sub1' }],
    ['state transition and key path', { ...emptyViewState, source: { kind: 'sample', name: 's.json' }, view: 'state', store: 'store-1', tx: 0, path: '/items/0' }],
    ['critical path filter on the waterfall', { ...emptyViewState, source: { kind: 'sample', name: 's.json' }, critical: 'only' }],
    ['critical path shown on the graph', { ...emptyViewState, source: { kind: 'sample', name: 's.json' }, view: 'graph', critical: 'show' }],
    ['flame view, merged, zoomed into a subtree', { ...emptyViewState, source: { kind: 'sample', name: 's.json' }, view: 'flame', flame: 'merged', focus: 'ab12', span: 'cd34' }],
    ['statistics sorted, a row filtering the waterfall', { ...emptyViewState, source: { kind: 'sample', name: 's.json' }, view: 'stats', sort: '-self', op: { service: 'api & db', operation: 'GET /x?y=1' } }],
    ['trace within a multi-trace file', { ...emptyViewState, source: { kind: 'file', name: 'f.json' }, trace: '4290b5877a9930de79bb428365398ecc' }],
  ])('%s survives a round trip', (_name, state) => {
    expect(roundTrip(state)).toEqual(state);
  });

  it('ignores values it cannot use instead of failing', () => {
    const state = parseViewState('/tempo/trace/not-hex', '?zoom=0.9-0.1&depth=-3&view=bogus&iter=0&tx=x');
    expect(state.source).toEqual({ kind: 'invalid', path: '/tempo/trace/not-hex' });
    expect(state.zoom).toBeUndefined();
    expect(state.depth).toBeUndefined();
    expect(state.view).toBe('waterfall');
    expect(state.iter).toBeUndefined();
    expect(state.tx).toBeUndefined();
    const odd = parseViewState('/sample/s.json', '?cp=yes&flame=icicle&op=only-op');
    expect(odd.critical).toBeUndefined();
    expect(odd.flame).toBeUndefined();
    expect(odd.op).toBeUndefined();
  });

  it('lower-cases backend trace ids and decodes source names', () => {
    const state = parseViewState('/my%20tempo/trace/ABCDEF', '');
    expect(state.source).toEqual({ kind: 'backend', source: 'my tempo', traceId: 'abcdef' });
  });

  it('omits defaults so links stay short', () => {
    expect(serializeViewState({ ...emptyViewState, source: { kind: 'sample', name: 'a.json' } })).toBe('/sample/a.json');
  });
});

describe('one workflow across runs', () => {
  it('round-trips source, workflow, service and N, and keeps the default N out of the link', () => {
    const state: ViewState = { ...emptyViewState, source: { kind: 'runs', source: 'local', workflow: 'demo flow/é', service: 'svc', limit: 200 }, sort: '-duration' };
    expect(roundTrip(state)).toEqual(state);
    expect(serializeViewState({ ...emptyViewState, source: { kind: 'runs', source: 'tempo', workflow: 'wf', limit: 50 } })).toBe('/tempo/runs?workflow=wf');
  });
  it('bounds N to 1–1,000 and reads a missing workflow as empty (the screen says so)', () => {
    expect(parseViewState('/local/runs', '?workflow=wf&n=5000').source).toEqual({ kind: 'runs', source: 'local', workflow: 'wf', limit: 1000 });
    expect(parseViewState('/local/runs', '?n=0').source).toEqual({ kind: 'runs', source: 'local', workflow: '', limit: 50 });
  });
});
