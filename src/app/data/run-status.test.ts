import { describe, expect, it } from 'vitest';
import { runStatus } from './run-status.ts';

describe('runStatus', () => {
  it('takes the store status when given, with the error count in the description', () => {
    expect(runStatus({ status: 'error', errorCount: 2 })).toMatchObject({ kind: 'error', label: 'Failed', description: 'Failed: 2 errors', errorCount: 2 });
    expect(runStatus({ status: 'ok', errorCount: 0 })).toMatchObject({ kind: 'ok', label: 'OK' });
    expect(runStatus({ status: 'in-progress', errorCount: 1, inProgress: true })).toMatchObject({ kind: 'in-progress', description: 'In progress: spans are still arriving, 1 error so far' });
  });

  it('says a run whose root span never arrived is incomplete, not in progress', () => {
    expect(runStatus({ status: 'incomplete', errorCount: 1, inProgress: false })).toMatchObject({
      kind: 'incomplete',
      label: 'Incomplete',
      description: 'Incomplete: the root span never arrived (no new spans for a while); 1 error',
    });
  });

  it('reads a workflow span status of "unset" (Junjo AI Studio) as OK, saying so', () => {
    expect(runStatus({ status: 'unset' })).toMatchObject({ kind: 'ok', label: 'OK', description: 'Finished; the workflow span is not marked as failed' });
    expect(runStatus({ status: 'unset', errorCount: 2 }).kind).toBe('ok');
  });

  it('derives the status from inProgress and errorCount when the source sends no status', () => {
    expect(runStatus({ inProgress: true, errorCount: 0 }).kind).toBe('in-progress');
    expect(runStatus({ errorCount: 3 }).kind).toBe('error');
    expect(runStatus({ errorCount: 0 }).kind).toBe('ok');
  });

  it('says "unknown" rather than ok when nothing is known (Tempo search)', () => {
    expect(runStatus({})).toMatchObject({ kind: 'unknown', label: '—', errorCount: null });
    expect(runStatus({ status: null, errorCount: null }).kind).toBe('unknown');
  });

  it('ignores a negative or non-numeric error count', () => {
    expect(runStatus({ errorCount: -1 }).kind).toBe('unknown');
  });
});
