/**
 * Issue 11, the graph's part: a Junjo trace opens on its graph, readable (node text ≥ 11 px at
 * 1280×720) or, when large, fitted whole; the two-node loop's labels stand apart; the graph is
 * fitted again after the direction changes; a plain trace opens on the waterfall without empty
 * Junjo tabs.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { otlpDocument, type TestSpan } from './support/make-otlp.ts';

test.use({ viewport: { width: 1280, height: 720 } });

const tmp = mkdtempSync(join(tmpdir(), 'jtv-e2e-graph-'));

/** The smallest on-screen font size of the nodes' names, in CSS pixels (font size × canvas zoom). */
async function smallestNodeText(page: Page): Promise<number> {
  return page.evaluate(() => {
    const viewport = document.querySelector('.react-flow__viewport');
    const zoom = viewport ? new DOMMatrix(getComputedStyle(viewport).transform).a : Number.NaN;
    const sizes = [...document.querySelectorAll('.react-flow__node .gf-label')].map((el) => parseFloat(getComputedStyle(el).fontSize) * zoom);
    return Math.min(...sizes);
  });
}

/** How many nodes are not wholly inside the canvas. */
async function nodesOutside(page: Page): Promise<number> {
  return page.evaluate(() => {
    const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
    return [...document.querySelectorAll('.react-flow__node')]
      .map((node) => node.getBoundingClientRect())
      .filter((r) => r.left < pane.left - 1 || r.right > pane.right + 1 || r.top < pane.top - 1 || r.bottom > pane.bottom + 1).length;
  });
}

const canvas = (page: Page) => page.getByRole('application').or(page.locator('.react-flow')).first();

test('a Junjo trace opens on its graph, readable, with the click hint in the legend and not above the canvas', async ({ page }) => {
  await page.goto('/sample/junjo-g3-debugging.json');
  await expect(page.getByRole('tab', { name: 'Workflow graph' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await expect(page).not.toHaveURL(/view=/);
  expect(await smallestNodeText(page)).toBeGreaterThanOrEqual(11);
  await expect(page.getByText('Click a node (or press Enter on it)')).toBeHidden();
  await page.getByText('Legend', { exact: true }).click();
  await expect(page.getByText('Click a node (or press Enter on it)')).toBeVisible();
  // Picking the waterfall names it in the URL, so a reload shows the waterfall again.
  await page.getByRole('tab', { name: 'Waterfall' }).click();
  await expect(page).toHaveURL(/view=waterfall/);
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Waterfall' })).toHaveAttribute('aria-selected', 'true');
});

test('the DraftNode ⇄ ReviewNode loop: two routes, their labels apart', async ({ page }) => {
  await page.goto('/sample/junjo-g3-debugging.json?view=graph');
  const back = page.locator('.react-flow__edge-textwrapper', { hasText: 'NeedsRevision()' });
  const forward = page.locator('.react-flow__edge-textwrapper', { hasText: /^×2$/ });
  await expect(back).toBeVisible();
  await expect(forward).toBeVisible();
  const a = (await back.boundingBox())!;
  const b = (await forward.boundingBox())!;
  const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  expect(overlap).toBe(false);
});

test('a graph laid out once opens after a reload without laying it out again', async ({ page }) => {
  await page.goto('/sample/junjo-g1-legacy.json?view=graph');
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await page.addInitScript(() => {
    const seen = { layingOut: false };
    (window as unknown as { __seen: typeof seen }).__seen = seen;
    new MutationObserver(() => {
      if (document.body?.textContent?.includes('Laying out the graph')) seen.layingOut = true;
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  await page.reload();
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __seen: { layingOut: boolean } }).__seen.layingOut)).toBe(false);
});

test('the graph is placed again after the direction changes', async ({ page }) => {
  await page.goto('/sample/junjo-g1-legacy.json?view=graph');
  const first = page.locator('.react-flow__node', { hasText: 'CountItemsNode' });
  await expect(first).toBeVisible();
  const before = await page.locator('.react-flow__viewport').evaluate((el) => getComputedStyle(el).transform);
  await page.getByRole('button', { name: '↓ Top to bottom' }).click();
  await expect(page.getByRole('button', { name: '↓ Top to bottom' })).toHaveAttribute('aria-pressed', 'true');
  await expect(first).toBeInViewport({ ratio: 1 });
  await expect.poll(() => page.locator('.react-flow__viewport').evaluate((el) => getComputedStyle(el).transform)).not.toBe(before);
  expect(await smallestNodeText(page)).toBeGreaterThanOrEqual(11);
  await expect(canvas(page)).toBeVisible();
});

/** A workflow span whose v1 graph has `count` nodes in a chain, with one span per node. */
function bigWorkflow(count: number): string {
  const nodes = Array.from({ length: count }, (_, i) => ({ id: `node${i}`, type: `Step${i}Node`, label: `Step${i}Node` }));
  const edges = nodes.slice(1).map((node, i) => ({ id: `e${i}`, source: `node${i}`, target: node.id, condition: null, type: 'explicit', subflowId: null }));
  const graph = JSON.stringify({ v: 1, nodes, edges });
  const spans: TestSpan[] = [
    { id: 1, name: 'big_workflow', start: '1763632800000000000', end: '1763632810000000000', attributes: { 'junjo.span_type': 'workflow', 'junjo.id': 'wf', 'junjo.workflow.graph_structure': graph, 'junjo.workflow.store.id': 'store' } },
    ...nodes.map((node, i): TestSpan => ({
      id: i + 2,
      parent: 1,
      name: node.label,
      start: String(1763632800000000000n + BigInt(i) * 100_000_000n),
      end: String(1763632800000000000n + BigInt(i) * 100_000_000n + 90_000_000n),
      attributes: { 'junjo.span_type': 'node', 'junjo.id': node.id, 'junjo.parent_id': 'wf' },
    })),
  ];
  return otlpDocument(spans);
}

test('a graph of 40 nodes opens fitted whole: every node inside the canvas', async ({ page }) => {
  const path = join(tmp, 'big-workflow.json');
  writeFileSync(path, bigWorkflow(40));
  await page.goto('/');
  await page.locator('[data-testid=file-input]').first().setInputFiles(path);
  await expect(page.getByRole('tab', { name: 'Workflow graph' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('.react-flow__node')).toHaveCount(40);
  await expect.poll(() => nodesOutside(page)).toBe(0);
});

test('a plain trace opens on the waterfall; the Junjo tabs are disabled with the reason', async ({ page }) => {
  await page.goto('/sample/plain-http-service.json');
  await expect(page.getByRole('tab', { name: 'Waterfall' })).toHaveAttribute('aria-selected', 'true');
  const graphTab = page.getByRole('tab', { name: 'Workflow graph' });
  await expect(graphTab).toBeDisabled();
  await expect(graphTab).toHaveAttribute('title', /No Junjo workflow in this trace/);
  await expect(page.getByRole('tab', { name: 'State' })).toBeDisabled();
  await expect(page.getByRole('tab', { name: 'Flame' })).toBeEnabled();
});
