import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { analyzeJunjo } from '../../core/junjo/analyze-junjo.ts';
import { decodeTrace } from '../../core/junjo/junjo-test-traces.ts';
import { viewOnScreen } from './default-view.ts';
import { parseViewState } from './view-state.ts';

const sample = (file: string) => decodeTrace(readFileSync(`public/samples/${file}`, 'utf8'));

describe('the view a trace opens on', () => {
  test('a Junjo trace opens on its graph, also while its analysis is pending; a plain trace on the waterfall', async () => {
    const junjo = await sample('junjo-g1-legacy.json');
    const plain = await sample('plain-http-service.json');
    const noView = parseViewState('/sample/x.json', '');
    const pending = { kind: 'pending', phase: 'Reading Junjo workflows' } as const;
    expect(viewOnScreen(noView.view, noView.viewGiven === true, junjo, pending)).toBe('graph');
    expect(viewOnScreen(noView.view, noView.viewGiven === true, junjo, analyzeJunjo(junjo) as never)).toBe('graph');
    expect(viewOnScreen(noView.view, noView.viewGiven === true, plain, pending)).toBe('waterfall');
    expect(viewOnScreen(noView.view, noView.viewGiven === true, plain, analyzeJunjo(plain) as never)).toBe('waterfall');
  });

  test('a view named in the URL wins, the waterfall included', async () => {
    const junjo = await sample('junjo-g1-legacy.json');
    const plain = await sample('plain-http-service.json');
    const waterfall = parseViewState('/sample/x.json', '?view=waterfall');
    expect(viewOnScreen(waterfall.view, waterfall.viewGiven === true, junjo, undefined)).toBe('waterfall');
    const state = parseViewState('/sample/x.json', '?view=state');
    expect(viewOnScreen(state.view, state.viewGiven === true, plain, undefined)).toBe('state');
  });

  test('a Junjo file opened while still being read stays on its waterfall, unless the URL names a view', async () => {
    const junjo = await sample('junjo-g1-legacy.json');
    const noView = parseViewState('/sample/x.json', '');
    expect(viewOnScreen(noView.view, noView.viewGiven === true, junjo, analyzeJunjo(junjo) as never, true)).toBe('waterfall');
    const state = parseViewState('/sample/x.json', '?view=state');
    expect(viewOnScreen(state.view, state.viewGiven === true, junjo, analyzeJunjo(junjo) as never, true)).toBe('state');
  });
});
