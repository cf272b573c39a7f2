import { expect, test } from 'vitest';
import { runOptionLabel } from './run-label.ts';

test.each([
  // The first run of junjo-g1-two-runs.json: starts 1.5ms into the trace and lasts 2.63s.
  [{ start: 1_500_000, end: 2_631_500_000 }, 'demo_base_workflow · 2.63s · ok · at +1.5ms'],
  [{ start: 0, end: 850 }, 'demo_base_workflow · 850ns · ok · at +0ns'],
])('runOptionLabel shows the duration, then the start offset (%o)', (span, label) => {
  expect(runOptionLabel({ name: 'demo_base_workflow', status: 'ok' }, span)).toBe(label);
});
