import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { waterfall } from './support/fixtures.ts';
import { spanHex, traceId } from './support/make-otlp.ts';

/**
 * A G3 workflow whose store holds about 1 MB and changes 10,000 times (100 node spans with 100
 * set_state events each). Replay happens in the worker; stepping anywhere must work at once.
 */
function largeStateTrace(transitions: number, perSpan: number): string {
  const base = 1_763_632_800_000_000_000n;
  const at = (us: number) => String(base + BigInt(us) * 1000n);
  const str = (key: string, value: string) => ({ key, value: { stringValue: value } });
  const int = (key: string, value: number) => ({ key, value: { intValue: String(value) } });
  const items = Array.from({ length: 10_000 }, (_, i) => ({ id: i, text: `item ${i} ${'x'.repeat(80)}` }));
  const start = { counter: 0, items };
  const end = { counter: transitions, items };
  const workflow = {
    traceId, spanId: spanHex(1), name: 'big_state_workflow', kind: 1, startTimeUnixNano: at(0), endTimeUnixNano: at(transitions * 10 + 100),
    attributes: [str('junjo.span_type', 'workflow'), int('junjo.telemetry.contract_version', 2), str('junjo.workflow.store.id', 'store-big'),
      str('junjo.workflow.state.start', JSON.stringify(start)), str('junjo.workflow.state.end', JSON.stringify(end)),
      int('junjo.store.revision.start', 0), int('junjo.store.revision.end', transitions), int('junjo.store.transition.count', transitions)],
    status: {},
  };
  const nodes = Array.from({ length: transitions / perSpan }, (_, n) => ({
    traceId, spanId: spanHex(100 + n), parentSpanId: spanHex(1), name: 'CountNode', kind: 1,
    startTimeUnixNano: at(n * perSpan * 10 + 1), endTimeUnixNano: at((n + 1) * perSpan * 10),
    attributes: [str('junjo.span_type', 'node'), int('junjo.telemetry.contract_version', 2)],
    events: Array.from({ length: perSpan }, (_, k) => {
      const step = n * perSpan + k + 1;
      return {
        name: 'set_state', timeUnixNano: at(step * 10),
        attributes: [str('junjo.store.id', 'store-big'), str('junjo.store.action', 'count'), int('junjo.store.transition.sequence', step),
          int('junjo.store.revision.before', step - 1), int('junjo.store.revision.after', step),
          str('junjo.state_json_patch', JSON.stringify([{ op: 'replace', path: '/counter', value: step }]))],
      };
    }),
    status: {},
  }));
  return JSON.stringify({ resourceSpans: [{ resource: { attributes: [str('service.name', 'big-state')] }, scopeSpans: [{ scope: { name: 'junjo' }, spans: [workflow, ...nodes] }] }] });
}

test('a 1 MB state with 10,000 transitions replays in the worker and steps anywhere', async ({ page }) => {
  test.setTimeout(120_000);
  const path = join(mkdtempSync(join(tmpdir(), 'jtv-state-')), 'big-state.json');
  writeFileSync(path, largeStateTrace(10_000, 100));
  await page.goto('/');
  await page.locator('[data-testid=file-input]').first().setInputFiles(path);
  await page.getByRole('tab', { name: 'Waterfall' }).click({ timeout: 60_000 });
  await expect(waterfall(page)).toHaveAttribute('aria-rowcount', '101', { timeout: 60_000 });
  await page.getByRole('tab', { name: 'State' }).click();
  await expect(page.getByText('verified').first()).toBeVisible();
  const stepper = page.getByRole('group', { name: 'Step through transitions' });
  await stepper.getByRole('button', { name: /Next/ }).click();
  await expect(page).toHaveURL(/tx=1(&|$)/);
  // Jump to the middle through the slider, then step once more.
  const slider = stepper.getByRole('slider', { name: 'Transition' });
  await slider.fill('5000');
  await expect(page).toHaveURL(/tx=5000(&|$)/);
  await stepper.getByRole('button', { name: /Next/ }).click();
  await expect(page).toHaveURL(/tx=5001(&|$)/);
  const counter = page.getByRole('tree', { name: 'State after transition 5001' }).getByRole('treeitem').filter({ has: page.getByRole('button', { name: 'counter', exact: true }) }).last();
  await expect(counter).toContainText('5001');
  await slider.focus();
  await page.keyboard.press('End');
  await expect(page).toHaveURL(/tx=10000(&|$)/);
});
