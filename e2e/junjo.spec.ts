import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openFile, waterfall } from './support/fixtures.ts';

const graphNode = (page: Page, label: string) => page.locator(`.react-flow__node[aria-label^="${label},"]`).first();

test.describe('Junjo runs', () => {
  test('clicking a graph node selects its span in the waterfall, in the URL, and survives a reload', async ({ page }) => {
    await page.goto('/sample/junjo-g1-legacy.json?view=graph');
    // The graph opens at a readable zoom on its start; RefineNode is further right: fit it all first.
    await expect(graphNode(page, 'CountItemsNode')).toBeVisible({ timeout: 50_000 });
    await page.locator('.react-flow__controls-fitview').click();
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
    await page.goto('/sample/junjo-g3-contract-v2.json?view=waterfall');
    await waterfall(page).getByRole('row', { name: /chat gpt-4o\b/ }).first().click();
    await page.getByRole('tab', { name: 'Workflow graph' }).click();
    await expect(page.locator('.react-flow__node[aria-current=true]').first()).toBeVisible();
    const lit = await page.locator('.react-flow__node[aria-current=true]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('aria-label') ?? ''));
    expect(lit.some((label) => /CreateJokeNode|SampleSubflow/.test(label))).toBe(true);
  });

  test('a RunConcurrent group shows its children as parallel lanes with its efficiency', async ({ page }) => {
    await page.goto('/sample/junjo-g3-failure.json?view=waterfall');
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

test.describe('Junjo state', () => {
  const counterIn = (page: Page, which: 'before' | 'after', step: number) =>
    page.getByRole('tree', { name: `State ${which} transition ${step}` }).getByRole('treeitem').filter({ has: page.getByRole('button', { name: 'counter', exact: true }) }).last();

  test('stepping through transitions changes the state and follows the span that made each change', async ({ page }) => {
    await page.goto('/sample/junjo-g1-legacy.json?view=state');
    const stepper = page.getByRole('group', { name: 'Step through transitions' });
    await stepper.getByRole('button', { name: /Next/ }).click();
    await expect(page).toHaveURL(/tx=1(&|$)/);
    await expect(counterIn(page, 'before', 1)).toContainText('0');
    await expect(counterIn(page, 'after', 1)).toContainText('5');
    // The span follows, but the State view keeps its room: the details panel stays collapsed.
    await expect(page.getByRole('button', { name: 'Details: CountItemsNode' })).toBeVisible();
    await expect(page.locator('#span-details')).toHaveCount(0);

    await stepper.getByRole('button', { name: /Next/ }).click();
    await expect(page).toHaveURL(/tx=2(&|$)/);
    const before = await counterIn(page, 'before', 2).innerText();
    const after = await counterIn(page, 'after', 2).innerText();
    expect(after).not.toBe(before);
    await expect(page.getByRole('button', { name: /^Details: / })).not.toHaveText(/CountItemsNode/);

    // The slider reaches the last transition; reload restores the same step.
    await stepper.getByRole('slider', { name: 'Transition' }).focus();
    await page.keyboard.press('End');
    await expect(page).toHaveURL(/tx=14(&|$)/);
    const url = page.url();
    await page.reload();
    await expect(page).toHaveURL(url);
    await expect(page.getByRole('tree', { name: 'State after transition 14' })).toBeVisible();
  });

  test('a key path shows its history of changes', async ({ page }) => {
    await page.goto('/sample/junjo-g1-legacy.json?view=state&tx=1');
    await page.getByRole('tree', { name: 'State after transition 1' }).getByRole('button', { name: 'counter', exact: true }).click();
    await expect(page).toHaveURL(/path=%2Fcounter/);
    const history = page.getByRole('region', { name: /History of/ });
    await expect(history.getByRole('button', { name: /Go to transition/ })).not.toHaveCount(0);
    const goTos = await history.getByRole('button', { name: /Go to transition/ }).count();
    // set_counter, then the two concurrent writers of /counter (increment, decrement).
    expect(goTos).toBe(3);
  });

  test('the start and end state diff lists what the run changed', async ({ page }) => {
    await page.goto('/sample/junjo-g3-contract-v2.json?view=state');
    await expect(page.getByText(/Start → end state/)).toBeVisible();
    await expect(page.getByText('verified').first()).toBeVisible();
  });
});

test.describe('damaged Junjo data', () => {
  type Doc = { resourceSpans: { scopeSpans: { spans: { name: string; attributes: { key: string; value: { stringValue?: string } }[]; events?: { name: string; attributes: { key: string; value: { stringValue?: string } }[] }[] }[] }[] }[] };
  const sample = (): Doc => JSON.parse(readFileSync('public/samples/junjo-g1-legacy.json', 'utf8')) as Doc;
  const allSpans = (doc: Doc) => doc.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));

  test('a graph cut at 2048 bytes by Tempo is explained and names the setting', async ({ page }) => {
    const doc = sample();
    const workflow = allSpans(doc).find((span) => span.name === 'demo_base_workflow')!;
    const graph = workflow.attributes.find((a) => a.key === 'junjo.workflow.graph_structure')!;
    graph.value.stringValue = graph.value.stringValue!.slice(0, 2048);
    await page.goto('/');
    await openFile(page, 'cut-graph.json', JSON.stringify(doc));
    await page.getByRole('tab', { name: 'Workflow graph' }).click();
    await expect(page.getByRole('alert')).toContainText('max_attribute_bytes');
    // The rest of the trace still works.
    await page.getByRole('tab', { name: 'Waterfall' }).click();
    await expect(waterfall(page)).toHaveAttribute('aria-rowcount', '23');
  });

  test('a patch that cannot be applied stops the replay there and keeps what came before', async ({ page }) => {
    const doc = sample();
    const events = allSpans(doc).flatMap((span) => span.events ?? []).filter((event) => event.name === 'set_state');
    const patch = events[3]!.attributes.find((a) => a.key === 'junjo.state_json_patch')!;
    patch.value.stringValue = '[{"op": "remove", "path": "/no/such/key"}]';
    await page.goto('/');
    await openFile(page, 'bad-patch.json', JSON.stringify(doc));
    await page.getByRole('tab', { name: 'State' }).click();
    await expect(page.getByText(/stopped/i).first()).toBeVisible();
    await expect(page.locator('.st-problems, [role=alert], [role=status]').filter({ hasText: /transition|step/i }).first()).toBeVisible();
    const stepper = page.getByRole('group', { name: 'Step through transitions' });
    await stepper.getByRole('button', { name: /Next/ }).click();
    await expect(page.getByRole('tree', { name: 'State after transition 1' })).toBeVisible();
  });
});

test.describe('graph navigation', () => {
  test('a subflow opens its own graph, and the breadcrumb leads back', async ({ page }) => {
    await page.goto('/sample/junjo-g3-contract-v2.json?view=graph');
    await graphNode(page, 'SampleSubflow').click();
    await page.getByRole('button', { name: 'Open the graph of subflow SampleSubflow' }).click();
    await expect(page).toHaveURL(/graph=[0-9a-f]{16}/);
    const crumbs = page.getByRole('navigation', { name: 'Graph breadcrumb' });
    await expect(crumbs).toContainText('SampleSubflow');
    await expect(graphNode(page, 'CreateJokeNode')).toBeVisible();
    await crumbs.getByRole('button', { name: /demo_base_workflow/ }).click();
    await expect(page).not.toHaveURL(/graph=/);
    await expect(graphNode(page, 'CountItemsNode')).toBeVisible();
  });

  test('graph nodes are reached and chosen with the keyboard', async ({ page }) => {
    await page.goto('/sample/junjo-g1-legacy.json?view=graph');
    const first = graphNode(page, 'CountItemsNode');
    await first.focus();
    await page.keyboard.press('ArrowRight');
    await expect(graphNode(page, 'Counter Nodes')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('#span-details h2')).toHaveText('Counter Nodes');
    await expect(page).toHaveURL(/node=/);
  });
});

test('stepping back to the start state selects the workflow span, not the last transition\'s', async ({ page }) => {
  await page.goto('/sample/junjo-g1-legacy.json?view=state&tx=6');
  const slider = page.getByRole('group', { name: 'Step through transitions' }).getByRole('slider', { name: 'Transition' });
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(page).not.toHaveURL(/tx=/);
  await expect(page.getByRole('button', { name: 'Details: demo_base_workflow' })).toBeVisible();
});
