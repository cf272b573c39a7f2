/**
 * The local store in the browser (issue 8 §3, issue 11 §5): runs listed live as they arrive,
 * filters, delete, clear all, save a file and reload its link, an in-progress run completing
 * on screen. Runs are written through the server's real API (POST), as "Save to local store"
 * does; each test starts from an empty store.
 */
import { expect, test, type Page } from '@playwright/test';
import { openFile, waterfall } from './support/fixtures.ts';
import { clearStore, postTrace, runId, sampleRun } from './support/local-store.ts';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const contract = 'junjo-g3-contract-v2.json';
const failing = 'junjo-g3-failure.json';
const short = (traceId: string) => traceId.slice(0, 8);

const localRuns = (page: Page) => page.getByRole('region', { name: /Local store/ });
const runsTable = (page: Page) => localRuns(page).getByRole('table', { name: /Runs in the local store/ });
const runRow = (page: Page, traceId: string) => runsTable(page).getByRole('row').filter({ has: page.getByTitle(traceId, { exact: true }) });

test.beforeEach(async ({ baseURL }) => {
  await clearStore(baseURL!);
});

test('an empty store says how to point an exporter at the receivers', async ({ page }) => {
  await page.goto('/');
  const region = localRuns(page);
  await expect(region.getByText('No runs in this viewer\'s store yet.')).toBeVisible();
  await expect(region.getByText('OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318')).toBeVisible();
  await expect(region.getByText(/JunjoOtelExporter\(host="localhost", port="4317"/)).toBeVisible();
  await expect(region.getByRole('button', { name: 'Clear all…' })).toBeDisabled();
});

test('runs appear live, newest first, with status, relative and exact start, and the error count', async ({ page, baseURL }) => {
  await page.goto('/');
  await expect(localRuns(page).getByText('Live')).toBeVisible();
  const ok = runId('a1', 1);
  const failed = runId('a1', 2);
  await postTrace(baseURL!, sampleRun(contract, { traceId: ok, startMs: Date.now() - 3 * 60_000 - 5000 }));
  // No reload: the event stream brings the run in.
  await expect(runRow(page, ok)).toBeVisible();
  await postTrace(baseURL!, sampleRun(failing, { traceId: failed, startMs: Date.now() - 20_000 }));
  await expect(runRow(page, failed)).toBeVisible();

  const rows = runsTable(page).getByRole('row');
  await expect(rows).toHaveCount(3); // header + 2, newest first
  await expect(rows.nth(1)).toContainText(short(failed));
  await expect(rows.nth(2)).toContainText(short(ok));

  const okRow = runRow(page, ok);
  await expect(okRow).toContainText('demo_base_workflow');
  await expect(okRow).toContainText('joke-workflow-api');
  await expect(okRow).toContainText('3 min ago');
  await expect(okRow.getByTitle('Finished without errors')).toHaveText(/OK/);
  const exact = await okRow.locator('time').getAttribute('title');
  expect(exact).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  await expect(runRow(page, failed).getByTitle(/^Failed: \d+ errors?$/)).toBeVisible();

  // Opening a run, then the header's Recent runs: the run on screen is marked.
  await okRow.getByRole('button', { name: 'demo_base_workflow', exact: true }).click();
  await expect(page).toHaveURL(`/local/trace/${ok}`);
  await expect(page.getByRole('tab', { name: 'Workflow graph' })).toHaveAttribute('aria-selected', 'true'); // a Junjo run opens on its graph
  await page.getByRole('button', { name: 'Recent runs' }).click();
  const dialog = page.getByRole('dialog', { name: 'Recent workflow runs' });
  await expect(dialog.locator('tr[aria-current="true"]')).toContainText(short(ok));
  await expect(dialog.locator('tr[aria-current="true"]')).toContainText('(on screen)');
});

test('filters narrow the list by service, workflow and status', async ({ page, baseURL }) => {
  const now = Date.now();
  await postTrace(baseURL!, sampleRun(contract, { traceId: runId('a2', 1), startMs: now - 50_000, service: 'billing-api' }));
  await postTrace(baseURL!, sampleRun(failing, { traceId: runId('a2', 2), startMs: now - 40_000 }));
  await postTrace(baseURL!, sampleRun(contract, { traceId: runId('a2', 3), startMs: now - 30_000 }));
  await page.goto('/');
  const rows = runsTable(page).getByRole('row');
  await expect(rows).toHaveCount(4);

  await localRuns(page).getByRole('combobox', { name: 'Service' }).selectOption('billing-api');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText(short(runId('a2', 1)));

  await localRuns(page).getByRole('combobox', { name: 'Service' }).selectOption('');
  await localRuns(page).getByRole('combobox', { name: 'Status' }).selectOption({ label: 'Failed' });
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText(short(runId('a2', 2)));

  await localRuns(page).getByRole('combobox', { name: 'Status' }).selectOption({ label: 'OK' });
  await expect(rows).toHaveCount(3);

  const workflow = localRuns(page).getByRole('combobox', { name: 'Workflow' });
  await workflow.fill('demo_base_workflow');
  await expect(rows).toHaveCount(3);
  await workflow.fill('no_such_workflow');
  await expect(localRuns(page).getByText('No runs match these filters.')).toBeVisible();
  await localRuns(page).getByRole('button', { name: 'Clear filters' }).click();
  await expect(rows).toHaveCount(4);
});

test('delete one run from the list (Escape cancels) and from the open trace; a run already deleted says so', async ({ page, baseURL }) => {
  const now = Date.now();
  const [first, second, third] = [1, 2, 3].map((n) => runId('a3', n));
  for (const [i, id] of [first, second, third].entries()) await postTrace(baseURL!, sampleRun(contract, { traceId: id!, startMs: now - 60_000 + i * 1000 }));
  await page.goto('/');
  await expect(runsTable(page).getByRole('row')).toHaveCount(4);

  await runRow(page, first!).getByRole('button', { name: /^Delete/ }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete this run?' });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(runRow(page, first!)).toBeVisible();

  await runRow(page, first!).getByRole('button', { name: /^Delete/ }).click();
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(runRow(page, first!)).toHaveCount(0);
  await expect(localRuns(page).getByRole('status').filter({ hasText: 'Deleted demo_base_workflow' })).toBeVisible();

  // Deleted elsewhere while the question is open: the answer says it was already gone.
  await runRow(page, second!).getByRole('button', { name: /^Delete/ }).click();
  const gone = await fetch(`${baseURL}/api/sources/local/traces/${second}`, { method: 'DELETE', headers: { 'X-Requested-With': 'junjo-trace-viewer' } });
  expect(gone.status).toBe(200);
  await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(localRuns(page).getByText(/was already deleted/)).toBeVisible();
  await expect(runRow(page, second!)).toHaveCount(0);

  // From the open trace's header: back to the start page, which says what happened.
  await page.goto(`/local/trace/${third}`);
  await expect(page.getByRole('tab', { name: 'Workflow graph' })).toHaveAttribute('aria-selected', 'true');
  await page.locator('.trace-header').getByRole('button', { name: 'Delete…' }).click();
  await page.getByRole('dialog', { name: /Delete this trace/ }).getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page).toHaveURL('/');
  await expect(localRuns(page).getByText(`Deleted trace ${third}.`)).toBeVisible();
  await expect(localRuns(page).getByText('No runs in this viewer\'s store yet.')).toBeVisible();
  await page.goto(`/local/trace/${third}`);
  await expect(page.getByRole('alert')).toContainText('is not in the local store');
});

test('clear all asks first: focus stays in the dialog, Escape cancels, confirming empties the store', async ({ page, baseURL }) => {
  for (const n of [1, 2]) await postTrace(baseURL!, sampleRun(contract, { traceId: runId('a4', n), startMs: Date.now() - n * 1000 }));
  await page.goto('/');
  await expect(runsTable(page).getByRole('row')).toHaveCount(3);
  const clear = localRuns(page).getByRole('button', { name: 'Clear all…' });
  await clear.click();
  const dialog = page.getByRole('dialog', { name: 'Delete every trace in the local store?' });
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab', 'Shift+Tab']) {
    await page.keyboard.press(key);
    expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(clear).toBeFocused();
  await expect(runsTable(page).getByRole('row')).toHaveCount(3);

  await clear.click();
  await dialog.getByRole('button', { name: 'Delete all' }).click();
  await expect(localRuns(page).getByText('No runs in this viewer\'s store yet.')).toBeVisible();
  const search = await (await fetch(`${baseURL}/api/sources/local/search`)).json();
  expect(search.traces).toEqual([]);
});

test('a file saved to the store keeps its view and its link works after a reload', async ({ page }) => {
  await page.goto('/');
  await openFile(page, 'run.json', readFileSync(resolve('public/samples', contract)));
  await page.getByRole('tab', { name: 'Waterfall' }).click(); // a Junjo run opens on its graph
  await waterfall(page).getByRole('row').filter({ hasText: 'CreateJokeNode' }).first().click();
  await expect(page).toHaveURL(/span=/);
  const view = new URL(page.url()).searchParams;
  await page.getByRole('button', { name: 'Save to local store' }).click();
  await expect(page).toHaveURL(/\/local\/trace\/[0-9a-f]{32}\?/);
  expect(new URL(page.url()).search, 'the same view, now in the store').toBe(`?${view.toString()}`);
  await expect(waterfall(page)).toBeVisible();
  await page.reload();
  await expect(waterfall(page).getByRole('row', { selected: true })).toContainText('CreateJokeNode');
  await expect(page.getByRole('heading', { name: 'Span details' }).or(page.locator('.split-side'))).toBeVisible();
});

test('a file the store refuses says why and stays on screen', async ({ page }) => {
  const noStart = JSON.stringify({
    resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ spans: [{ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: '00f067aa0ba902b7', name: 'timeless', startTimeUnixNano: '0', endTimeUnixNano: '0' }] }] }],
  });
  await page.goto('/');
  await openFile(page, 'timeless.json', noStart);
  await expect(waterfall(page)).toBeVisible();
  await page.getByRole('button', { name: 'Save to local store' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Not saved:' })).toContainText('no start time');
  await expect(page).toHaveURL(/\/file\/timeless\.json/);
  await expect(waterfall(page)).toBeVisible();
});

test('an in-progress run updates on screen as spans arrive, keeping the selected span', async ({ page, baseURL }) => {
  const id = runId('a5', 1);
  const start = Date.now() - 10_000;
  await postTrace(baseURL!, sampleRun(contract, { traceId: id, startMs: start }, 'nodes'));
  await page.goto('/');
  const row = runRow(page, id);
  await expect(row.getByTitle(/^In progress/)).toBeVisible();
  await row.getByRole('button').first().click();
  await expect(page.locator('.trace-header').getByText('In progress')).toBeVisible();
  await page.getByRole('tab', { name: 'Waterfall' }).click(); // its nodes make it a Junjo run, which opens on its graph
  await waterfall(page).getByRole('row').filter({ hasText: 'CreateJokeNode' }).first().click();
  const url = page.url();
  expect(url).toContain('span=');
  await page.evaluate(() => {
    (window as unknown as { marker: boolean }).marker = true;
  });

  await postTrace(baseURL!, sampleRun(contract, { traceId: id, startMs: start }, 'rest'));
  await expect(page.locator('.trace-header').getByText('In progress')).toHaveCount(0);
  await expect(page.locator('.trace-header')).toContainText('23 spans');
  expect(page.url()).toBe(url);
  await expect(waterfall(page).getByRole('row', { selected: true })).toContainText('CreateJokeNode');
  // Same page (no reload), and the run is listed as finished.
  expect(await page.evaluate(() => (window as unknown as { marker?: boolean }).marker)).toBe(true);
  await page.goto('/');
  await expect(runRow(page, id).getByTitle('Finished without errors')).toBeVisible();
});

test('when the event stream is cut, the list polls and new runs still appear', async ({ page, baseURL }) => {
  await page.route('**/api/sources/local/events', (route) => route.abort('connectionreset'));
  await page.goto('/');
  await expect(localRuns(page).getByText(/Live updates interrupted/)).toBeVisible();
  const id = runId('a6', 1);
  await postTrace(baseURL!, sampleRun(contract, { traceId: id }));
  await expect(runRow(page, id)).toBeVisible();
});

test('pages: the list holds more runs than a page and steps to older ones', async ({ page, baseURL }) => {
  const now = Date.now();
  const docs = Array.from({ length: 55 }, (_, i) => sampleRun(failing, { traceId: runId('a7', i + 1), startMs: now - (i + 1) * 1000 }));
  for (const doc of docs) await postTrace(baseURL!, doc);
  await page.goto('/');
  await expect(runsTable(page).getByRole('row')).toHaveCount(51);
  await localRuns(page).getByRole('button', { name: 'Older ›' }).click();
  await expect(runsTable(page).getByRole('row')).toHaveCount(6);
  await expect(runsTable(page).getByRole('row').nth(1)).toContainText(short(runId('a7', 51)));
  await expect(localRuns(page).getByRole('button', { name: 'Older ›' })).toBeDisabled();
  await localRuns(page).getByRole('button', { name: 'Newest' }).click();
  await expect(runsTable(page).getByRole('row').nth(1)).toContainText(short(runId('a7', 1)));
});

test('screenshots of the start page with local runs, 1280×720, light and dark (test-results/local-store-*.png)', async ({ page, baseURL }) => {
  const now = Date.now();
  const samples = [contract, failing, 'junjo-g1-legacy.json', 'junjo-g1-two-runs.json'];
  for (let i = 0; i < 8; i++) await postTrace(baseURL!, sampleRun(samples[i % 4]!, { traceId: runId('a8', i + 1), startMs: now - (8 - i) * 97_000, service: i % 3 === 0 ? 'billing-api' : undefined }));
  await postTrace(baseURL!, sampleRun(contract, { traceId: runId('a8', 99), startMs: now - 4000 }, 'nodes'));
  await page.setViewportSize({ width: 1280, height: 720 });
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto('/');
    await expect(runsTable(page).getByRole('row')).toHaveCount(10);
    await expect(localRuns(page).getByText('Live')).toBeVisible();
    await page.screenshot({ path: `test-results/local-store-start-${theme}.png` });
  }
});
