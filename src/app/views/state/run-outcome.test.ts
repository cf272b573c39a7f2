import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeJunjo } from '../../../core/junjo/analyze-junjo.ts';
import { decodeInput } from '../../../core/formats/decode-input.ts';
import type { Attribute } from '../../../core/model/attributes.ts';
import type { Span } from '../../../core/model/span.ts';
import { buildTraces } from '../../../core/trace/build-traces.ts';
import { errorSummary, outcomeOfSpan, runOrdinal, runTitle, storeRun } from './run-outcome.ts';

const str = (key: string, value: string): Attribute => ({ key, value: { type: 'string', value } }) as Attribute;
const span = (code: 'unset' | 'ok' | 'error', message: string, attributes: Attribute[] = [], events: Span['events'] = []) =>
  ({ status: { code, message }, attributes, events }) as Pick<Span, 'status' | 'attributes' | 'events'>;

describe('outcomeOfSpan', () => {
  it('is ok for an unset or ok status', () => {
    expect(outcomeOfSpan(span('unset', ''))).toEqual({ status: 'ok' });
  });
  it('reads error.type and the status message', () => {
    expect(outcomeOfSpan(span('error', 'Boom: bad', [str('error.type', 'pkg.Boom')]))).toEqual({ status: 'error', errorType: 'pkg.Boom', message: 'Boom: bad' });
  });
  it('falls back to the exception event', () => {
    const events = [{ name: 'exception', attributes: [str('exception.type', 'ValueError'), str('exception.message', 'no')] }] as unknown as Span['events'];
    expect(outcomeOfSpan(span('error', '', [], events))).toEqual({ status: 'error', errorType: 'ValueError', message: 'no' });
  });
  it('counts error.type alone as a failure', () => {
    expect(outcomeOfSpan(span('unset', '', [str('error.type', 'Timeout')]))).toEqual({ status: 'error', errorType: 'Timeout' });
  });
});

describe('errorSummary', () => {
  it('does not repeat the type the message starts with', () => {
    expect(errorSummary({ status: 'error', errorType: 'a.b.Boom', message: 'Boom: bad thing' })).toBe('a.b.Boom: bad thing');
    expect(errorSummary({ status: 'error', errorType: 'a.b.Boom', message: 'a.b.Boom: bad' })).toBe('a.b.Boom: bad');
  });
  it('joins a type and an unrelated message', () => {
    expect(errorSummary({ status: 'error', errorType: 'Boom', message: 'bad' })).toBe('Boom: bad');
  });
  it('copes with either part missing', () => {
    expect(errorSummary({ status: 'error', errorType: 'Boom' })).toBe('Boom');
    expect(errorSummary({ status: 'error', message: 'bad' })).toBe('bad');
    expect(errorSummary({ status: 'error' })).toBe('no error message recorded');
  });
});

describe('run titles', () => {
  it('numbers runs only when there are several', () => {
    expect(runOrdinal({ topLevelRuns: [0] }, 0)).toBeNull();
    expect(runOrdinal({ topLevelRuns: [0, 3] }, 3)).toBe(2);
    expect(runTitle(2, 'wf', 1_500_000)).toBe('Run 2 · wf · +1.5ms');
    expect(runTitle(null, 'wf', 0)).toBe('wf · +0ns');
  });
});

describe('the failure sample', () => {
  it('says the workflow run failed, with its error', async () => {
    const decoded = await decodeInput(readFileSync(new URL('../../../../public/samples/junjo-g3-failure.json', import.meta.url), 'utf8'));
    if (!decoded.ok) throw new Error(decoded.error.message);
    const trace = buildTraces(decoded.result.spans)[0]!;
    const analysis = analyzeJunjo(trace);
    if (analysis.kind !== 'junjo') throw new Error('not a Junjo trace');
    const store = analysis.stores.find((s) => s.parentStoreId === null)!;
    const run = storeRun(trace.spans, analysis, store.ownerRunIndex)!;
    expect(run).toMatchObject({ kind: 'workflow', name: 'demo_base_workflow', outcome: { status: 'error' } });
    expect(errorSummary(run.outcome)).toBe('sample_app.errors.CounterUnderflowError: cannot decrement: counter is 0');
    expect(run.topTitle).toMatch(/^demo_base_workflow · \+/);
    expect(storeRun(trace.spans, analysis, null)).toBeNull();
  });
});
