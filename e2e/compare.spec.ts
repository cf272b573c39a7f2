/**
 * Compare two runs (issue 12 §2): two samples picked on the compare screen, two runs of one trace
 * with "previous run", two runs in the local store, and two plain files (a file link after a reload
 * asks for the file again). Every comparison is a link: reloading shows the same screen.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { clearStore, postTrace, runId, sampleRun } from './support/local-store.ts';

const nodesTable = (page: Page) => page.getByRole('table', { name: 'Nodes of the declared graph' });
const nodeRow = (page: Page, label: string) => nodesTable(page).getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${label}`) }) });
const side = (page: Page, which: 'A' | 'B') => page.getByRole('region', { name: new RegExp(`^${which} `) });

test('two samples: pick A and B, see nodes, path and state compared; the link reopens it', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Compare…' }).click();
  await expect(page).toHaveURL(/\/compare$/);
  await side(page, 'A').getByLabel('Sample').selectOption({ label: 'Junjo G3 (contract v2): base workflow' });
  await side(page, 'A').getByRole('button', { name: 'Use as A' }).click();
  await side(page, 'B').getByLabel('Sample').selectOption({ label: 'Junjo G3: failure inside RunConcurrent' });
  // Keyboard: the button is reached and pressed without a mouse.
  await side(page, 'B').getByRole('button', { name: 'Use as B' }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/compare\?a=sample%2Fjunjo-g3-contract-v2\.json&b=sample%2Fjunjo-g3-failure\.json/);

  const check = async () => {
    await expect(nodeRow(page, 'DecrementNode')).toContainText('ok→error');
    await expect(nodeRow(page, 'FinalNode')).toContainText('A only');
    await expect(nodeRow(page, 'RefineNode')).toContainText('3×');
    await expect(page.getByText('Status A ok · B error')).toBeVisible();
    await expect(page.getByRole('list', { name: 'Taken in A only' })).toContainText('RefineNode');
    await expect(page.getByTestId('cmp-divergence')).toContainText(/^The runs differ from the start state, at \/items/);
    await expect(page.getByText('Different workflow versions.')).toHaveCount(0);
  };
  await check();
  // On the drawing, a RunConcurrent's members sit inside its box (boxes are placed in absolute coordinates).
  const rect = (selector: string, label: string) =>
    page.locator(selector).filter({ has: page.locator('title', { hasText: new RegExp(`^${label}:`) }) }).locator('rect').first().boundingBox();
  const group = await rect('.cmp-gcontainer', 'Counter Nodes');
  for (const member of ['IncrementNode', 'DecrementNode', 'AddTenNode']) {
    const box = await rect('.cmp-gnode', member);
    expect(box && group && box.x >= group.x && box.y >= group.y && box.x + box.width <= group.x + group.width && box.y + box.height <= group.y + group.height, `${member} inside Counter Nodes`).toBe(true);
  }
  await page.reload();
  await check();

  await page.getByRole('button', { name: 'Swap A and B' }).click();
  await expect(page).toHaveURL(/a=sample%2Fjunjo-g3-failure\.json&b=sample%2Fjunjo-g3-contract-v2\.json/);
  await expect(nodeRow(page, 'DecrementNode')).toContainText('error→ok');
});

test('two runs in one trace: the second against the previous run of the same workflow', async ({ page }) => {
  await page.goto('/sample/junjo-g1-two-runs.json');
  await page.getByRole('button', { name: 'Compare…' }).click();
  const runA = side(page, 'A').getByLabel('Run');
  await expect(runA).toBeVisible();
  const second = await runA.locator('option', { hasText: 'run 2 of 2' }).textContent();
  await runA.selectOption({ label: second ?? '' });
  await expect(page).toHaveURL(/a=sample%2Fjunjo-g1-two-runs\.json%23[0-9a-f]{16}$/);
  await side(page, 'B').getByRole('button', { name: 'Previous run of demo_base_workflow' }).click();
  await expect(side(page, 'B').getByLabel('Run')).toHaveValue(/.+/);
  await expect(nodeRow(page, 'EvenPathNode')).toContainText('A only');
  await expect(nodeRow(page, 'OddPathNode')).toContainText('B only');
  await expect(nodeRow(page, 'RefineNode')).toContainText('2→3 runs');
  const url = page.url();
  await page.reload();
  await expect(page).toHaveURL(url);
  await expect(nodeRow(page, 'OddPathNode')).toContainText('B only');
});

test('the local store: a run against the previous run of its workflow', async ({ page, baseURL }) => {
  await clearStore(baseURL!);
  const earlier = runId('c1', 1);
  const later = runId('c1', 2);
  const now = Date.now();
  expect((await postTrace(baseURL!, sampleRun('junjo-g3-contract-v2.json', { traceId: earlier, startMs: now - 120_000 }))).status).toBe(200);
  expect((await postTrace(baseURL!, sampleRun('junjo-g3-failure.json', { traceId: later, startMs: now - 60_000 }))).status).toBe(200);
  await page.goto(`/local/trace/${later}`);
  await page.getByRole('button', { name: 'Compare…' }).click();
  await side(page, 'B').getByRole('button', { name: 'Previous run of demo_base_workflow' }).click();
  await expect(page).toHaveURL(new RegExp(`b=local%2Ftrace%2F${earlier}`));
  await expect(nodeRow(page, 'DecrementNode')).toContainText('error→ok');
  await page.reload();
  await expect(nodeRow(page, 'DecrementNode')).toContainText('error→ok');
  await clearStore(baseURL!);
});

test('two plain files: operation paths compared and sortable; after a reload the files are asked for again', async ({ page }) => {
  const text = readFileSync(resolve('public/samples/plain-http-service.json'), 'utf8');
  // B: the same trace without its Kafka spans (paths only in A), under another file name.
  const doc = JSON.parse(text) as { resourceSpans: { scopeSpans: { spans: { name: string }[] }[] }[] };
  let removed = 0;
  for (const resource of doc.resourceSpans)
    for (const scope of resource.scopeSpans) {
      const before = scope.spans.length;
      scope.spans = scope.spans.filter((span) => !/kafka|publish|send/i.test(span.name));
      removed += before - scope.spans.length;
    }
  expect(removed).toBeGreaterThan(0);
  await page.goto('/compare');
  await page.getByTestId('cmp-file-a').setInputFiles({ name: 'checkout-a.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await page.getByTestId('cmp-file-b').setInputFiles({ name: 'checkout-b.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
  const table = page.locator('.cmp-path-table');
  await expect(table.getByText('A only').first()).toBeVisible();
  await expect(page.getByText(/only in A, 0 only in B/)).toBeVisible();
  await page.getByRole('button', { name: 'Δ total' }).click();
  await expect(page).toHaveURL(/sort=-delta/);
  await expect(page.getByRole('columnheader', { name: /Δ total/ })).toHaveAttribute('aria-sort', 'descending');
  await expect(page.getByRole('table', { name: 'Nodes of the declared graph' })).toHaveCount(0);

  await page.reload();
  await expect(side(page, 'A').getByRole('alert')).toContainText('checkout-a.json was opened in an earlier visit');
  await side(page, 'A').locator('input[type=file]').setInputFiles({ name: 'checkout-a.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await side(page, 'B').locator('input[type=file]').setInputFiles({ name: 'checkout-b.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(doc)) });
  await expect(table.getByText('A only').first()).toBeVisible();
});

test('a compare link with a bad side, and a run not in the trace, say so', async ({ page }) => {
  await page.goto('/compare?a=nonsense&b=sample/junjo-g1-two-runs.json%23ffffffffffffffff');
  await expect(side(page, 'A').getByText('Choose a run')).toBeVisible();
  await expect(side(page, 'B')).toContainText('The run ffffffffffffffff is not in this trace; showing the first run instead.');
});
