import { expect, test, type Page } from '@playwright/test';
import { waterfall } from './support/fixtures.ts';

const row = (page: Page, name: RegExp) => waterfall(page).getByRole('row', { name }).first();
const graphNode = (page: Page, label: string) => page.locator(`.react-flow__node[aria-label^="${label},"]`).first();
const flameCanvas = (page: Page) => page.getByRole('application', { name: /Flame graph/ });

test.describe('Critical path', () => {
  test('the waterfall draws critical segments, filters to the path, and the link keeps it', async ({ page }) => {
    await page.goto('/sample/junjo-g1-legacy.json?view=waterfall');
    await expect(row(page, /AddTenNode/)).toBeVisible();
    await expect(page.locator('.wf-critical')).toHaveCount(0);
    await page.getByRole('combobox', { name: 'Critical path' }).selectOption('show');
    await expect(page).toHaveURL(/[?&]cp=1/);
    // The concurrent branch that ended last is critical; a shorter sibling is not.
    await expect(row(page, /AddTenNode/).getByRole('img', { name: /On the critical path for/ })).toHaveCount(1);
    await expect(row(page, /IncrementNode/).getByRole('img', { name: /On the critical path/ })).toHaveCount(0);

    await page.getByRole('combobox', { name: 'Critical path' }).selectOption('only');
    await expect(page).toHaveURL(/[?&]cp=only/);
    await expect(row(page, /AddTenNode/)).toBeVisible();
    await expect(waterfall(page).getByRole('row', { name: /IncrementNode/ })).toHaveCount(0);
    await page.reload();
    await expect(waterfall(page).getByRole('row', { name: /IncrementNode/ })).toHaveCount(0);
    await expect(page.getByRole('combobox', { name: 'Critical path' })).toHaveValue('only');
  });

  test('the graph emphasizes critical nodes and edges and gives the others their slack', async ({ page }) => {
    await page.goto('/sample/junjo-g1-legacy.json?view=graph&cp=1');
    await expect(graphNode(page, 'AddTenNode')).toHaveAttribute('aria-label', /on the critical path/, { timeout: 30_000 });
    await expect(graphNode(page, 'AddTenNode')).toHaveClass(/is-critical/);
    await expect(graphNode(page, 'IncrementNode')).toHaveAttribute('aria-label', /could take .+ longer without changing the run/);
    await expect(graphNode(page, 'IncrementNode')).toContainText('slack');
    await expect(page.locator('.react-flow__edge.is-critical').first()).toBeAttached();

    await graphNode(page, 'IncrementNode').click();
    await expect(page.locator('.gf-inspector')).toContainText(/could take .+ longer without changing the run/);
  });
});

test.describe('Flame view', () => {
  test('draws on a canvas, zooms into a clicked subtree, moves with the keyboard, and the link reopens it', async ({ page }) => {
    await page.goto('/sample/junjo-g1-legacy.json?view=flame');
    const canvas = flameCanvas(page);
    await expect(canvas).toBeVisible();
    await expect(canvas).toHaveAttribute('data-drawn', /^[1-9]\d*$/);
    // Row 4 (depth 3) at the left third holds SampleSubflow's children; click row 3 (depth 2): demo_base_workflow.
    const box = (await canvas.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + 2 * 18 + 9);
    await expect(page).toHaveURL(/[?&]focus=[0-9a-f]{16}/);
    await expect(page).toHaveURL(/[?&]span=[0-9a-f]{16}/);
    await expect(page.locator('#fl-selected-description')).toContainText('demo_base_workflow');

    await canvas.focus();
    await page.keyboard.press('ArrowDown');
    await expect(page.locator('#fl-selected-description')).not.toContainText('Selected: demo_base_workflow');
    const selected = new URL(page.url()).searchParams.get('span');
    await page.reload();
    await expect(page.locator('#fl-selected-description')).toContainText('Selected:');
    expect(new URL(page.url()).searchParams.get('span')).toBe(selected);

    // Escape zooms out one level at a time: demo_base_workflow → POST /run → the whole trace.
    await flameCanvas(page).focus();
    await page.keyboard.press('Escape');
    await expect(page).toHaveURL(/[?&]focus=/);
    await flameCanvas(page).focus();
    await page.keyboard.press('Escape');
    await expect(page).not.toHaveURL(/[?&]focus=/);
  });

  test('merged and critical-path modes, and search highlights', async ({ page }) => {
    await page.goto('/sample/junjo-g1-legacy.json?view=flame');
    await page.getByRole('button', { name: 'Merged' }).click();
    await expect(page).toHaveURL(/[?&]flame=merged/);
    await expect(flameCanvas(page)).toHaveAttribute('data-drawn', /^[1-9]\d*$/);
    await page.getByRole('searchbox', { name: /Highlight spans/ }).fill('RefineNode');
    // The three RefineNode iterations are one frame when merged, three otherwise.
    const count = page.locator('.fl-toolbar [aria-live]');
    await expect(count).toHaveText(/\d+ matching frames?/);
    const merged = Number((await count.textContent())!.split(' ')[0]);
    await page.getByRole('button', { name: 'Spans' }).click();
    await expect(count).toHaveText(`${merged + 2} matching frames`);
    await page.getByRole('button', { name: 'Critical path' }).click();
    await expect(page).toHaveURL(/[?&]flame=critical/);
    await expect(flameCanvas(page)).toBeVisible();
  });

  test('an unknown mode in a link falls back to spans', async ({ page }) => {
    await page.goto('/sample/plain-http-service.json?view=flame&flame=bogus&focus=ffffffffffffffff');
    await expect(flameCanvas(page)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Spans' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('button', { name: 'Reset zoom' })).toBeDisabled();
  });
});

test.describe('Trace statistics', () => {
  test('sorts by a column and a row filters the waterfall to its spans', async ({ page }) => {
    await page.goto('/sample/plain-http-service.json?view=stats');
    const table = page.getByRole('table');
    await expect(table.getByRole('row')).toHaveCount(29);
    await table.getByRole('button', { name: /^Count/ }).click();
    await expect(page).toHaveURL(/[?&]sort=-count/);
    await expect(table.getByRole('columnheader', { name: /Count/ })).toHaveAttribute('aria-sort', 'descending');
    await expect(table.getByRole('row').nth(1)).toContainText('5');

    await table.getByRole('button', { name: 'SELECT shop.products' }).click();
    await expect(page).toHaveURL(/[?&]svc=orders-api/);
    await expect(page.getByText(/Only orders-api: SELECT shop.products/)).toBeVisible();
    await expect(waterfall(page).getByRole('row', { name: /SELECT shop\.products/ })).toHaveCount(5);
    await expect(waterfall(page).getByRole('row', { name: /INSERT shop\.order_items/ })).toHaveCount(0);
    await page.getByRole('button', { name: /Stop filtering/ }).click();
    await expect(waterfall(page).getByRole('row', { name: /INSERT shop\.order_items/ }).first()).toBeVisible();
  });
});
