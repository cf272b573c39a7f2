import { expect, test, type Page } from '@playwright/test';
import { waterfall } from './support/fixtures.ts';

const graphNode = (page: Page, label: string) => page.locator(`.react-flow__node[aria-label^="${label},"]`).first();

test.describe('Junjo runs', () => {
  test('clicking a graph node selects its span in the waterfall, in the URL, and survives a reload', async ({ page }) => {
    await page.goto('/sample/junjo-g1-legacy.json?view=graph');
    const refine = graphNode(page, 'RefineNode');
    await expect(refine).toBeVisible();
    await expect(refine).toContainText('×3');
    await refine.click();
    await expect(page).toHaveURL(/node=[^&]+/);
    await expect(page).toHaveURL(/span=[0-9a-f]{16}/);
    await expect(page.locator('#span-details h2')).toHaveText('RefineNode');

    await page.reload();
    await expect(graphNode(page, 'RefineNode')).toHaveAttribute('aria-current', 'true');
    await expect(page.locator('#span-details h2')).toHaveText('RefineNode');

    await page.getByRole('tab', { name: 'Waterfall' }).click();
    await expect(page).toHaveURL(/view=|^(?!.*view=graph)/);
    await expect(waterfall(page).locator('[aria-selected=true]')).toContainText('RefineNode');
  });

  test('an LLM span selected in the waterfall lights the node that owns it', async ({ page }) => {
    await page.goto('/sample/junjo-g3-contract-v2.json');
    await waterfall(page).getByRole('row', { name: /chat gpt-4o\b/ }).first().click();
    await page.getByRole('tab', { name: 'Workflow graph' }).click();
    await expect(page.locator('.react-flow__node[aria-current=true]').first()).toBeVisible();
    const lit = await page.locator('.react-flow__node[aria-current=true]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label') ?? ''));
    expect(lit.some((label) => /CreateJokeNode|SampleSubflow/.test(label))).toBe(true);
  });

  test('a RunConcurrent group shows its children as parallel lanes with its efficiency', async ({ page }) => {
    await page.goto('/sample/junjo-g3-failure.json');
    const group = waterfall(page).getByRole('row', { name: /Counter Nodes/ });
    await expect(group).toContainText(/parallel efficiency \d+\.\d+×/);
    await expect(group.locator('.wf-lane-bar')).toHaveCount(3);
    await expect(group.locator('.wf-lane-bar.error')).toHaveCount(1);
    await expect(waterfall(page).getByRole('row', { name: /IncrementNode/ })).toContainText('cancelled');
  });

  test('a trace with two runs offers a run picker', async ({ page }) => {
    await page.goto('/sample/junjo-g1-two-runs.json?view=graph');
    const picker = page.getByRole('combobox', { name: 'Workflow run' });
    await expect(picker.locator('option')).toHaveCount(2);
  });

  test('an ordinary trace says there is no workflow, and its waterfall still works', async ({ page }) => {
    await page.goto('/sample/plain-http-service.json?view=graph');
    await expect(page.getByText(/no Junjo workflow/)).toBeVisible();
    await page.getByRole('tab', { name: 'Waterfall' }).click();
    await expect(waterfall(page)).toBeVisible();
  });
});
