import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { fixtureText, openFile, waterfall } from './support/fixtures.ts';

/** The debugging workbench (issue 11) on the junjo-g3-debugging sample and the other samples. */
const SAMPLE = '/sample/junjo-g3-debugging.json';
const row = (page: Page, name: string | RegExp) => waterfall(page).getByRole('row', { name }).first();
const graphNode = (page: Page, label: string) => page.locator(`.react-flow__node[aria-label^="${label},"]`).first();
const details = (page: Page) => page.locator('#span-details');
/** The first graph layout of a page can take a while on a loaded machine (the layout worker starts cold). */
const graphReady = (page: Page) => expect(page.locator('.react-flow__node').first()).toBeVisible({ timeout: 50_000 });

test.describe('failures first', () => {
  test('the header counts one failure, steps to the node that raised and shows its exception first', async ({ page }) => {
    await page.goto(SAMPLE);
    const failures = page.getByRole('group', { name: 'Failures' }).getByRole('button');
    await expect(failures).toContainText('1 failure');
    await expect(failures).toContainText('6 spans in error');
    await failures.click();
    await expect(details(page).locator('h2')).toHaveText('CitationCheckNode');
    const block = details(page).getByRole('region', { name: 'Failure' });
    await expect(block).toContainText('research_app.errors.MissingCitationError: draft cites nothing');
    await expect(block.getByText('Stack trace')).toBeVisible();
    // The exception comes before the attribute table, not below it.
    const blockTop = (await block.boundingBox())!.y;
    const serviceTop = (await details(page).getByRole('rowheader', { name: 'Service', exact: true }).first().boundingBox())!.y;
    expect(blockTop).toBeLessThan(serviceTop);
  });

  test('a span that failed because of a child links to the root cause', async ({ page }) => {
    await page.goto(`${SAMPLE}?view=waterfall`);
    await row(page, /ResearchSubflow/).click();
    await details(page).getByRole('region', { name: 'Failure' }).getByRole('button', { name: 'CitationCheckNode' }).click();
    await expect(details(page).locator('h2')).toHaveText('CitationCheckNode');
  });

  test('"Only failures" keeps the failed spans and their ancestors', async ({ page }) => {
    await page.goto(`${SAMPLE}?view=waterfall`);
    await page.getByRole('button', { name: 'Only failures' }).click();
    await expect(page.getByRole('button', { name: 'Only failures' })).toHaveAttribute('aria-pressed', 'true');
    await expect(row(page, /CitationCheckNode/)).toBeVisible();
    await expect(row(page, /FactCheckSubflow/)).toBeVisible();
    await expect(waterfall(page).getByRole('row', { name: /PlanNode/ })).toHaveCount(0);
    await expect(waterfall(page).getByRole('row', { name: /ToneCheckNode/ })).toHaveCount(0);
    await page.getByRole('button', { name: 'Only failures' }).click();
    await expect(row(page, /PlanNode/)).toBeVisible();
  });

  test('search finds spans by status, duration and kind', async ({ page }) => {
    await page.goto(`${SAMPLE}?view=waterfall`);
    const box = page.getByRole('searchbox', { name: /Search spans/ });
    await box.fill('status=error');
    await expect(page.locator('.wf-match-count')).toHaveText('6 matches');
    await box.fill('error');
    await expect(page).toHaveURL(/q=error(&|$)/);
    await expect(page.locator('.wf-match-count')).toHaveText('6 matches');
    await box.fill('kind=client');
    await expect(page.locator('.wf-match-count')).toHaveText('3 matches');
    await box.fill('duration>2s');
    await expect(page.locator('.wf-match-count')).toHaveText('2 matches');
    await box.fill('status=error duration<1s');
    await expect(page.locator('.wf-match-count')).toHaveText('4 matches');
    await page.goto(`${SAMPLE}?view=waterfall&q=kind%3Dserver`);
    await expect(page.locator('.wf-match-count')).toHaveText('1 match');
  });

  test('the State view names the node that raised, with a link to it', async ({ page }) => {
    await page.goto(`${SAMPLE}?view=state`);
    const banner = page.locator('.st-outcome-notice');
    await expect(banner).toContainText('CitationCheckNode raised it');
    await banner.getByRole('button', { name: 'Show CitationCheckNode' }).click();
    await expect(page).toHaveURL(/span=/);
    await expect(page.getByRole('status').filter({ hasText: 'made no state transition' })).toContainText('CitationCheckNode');
  });
});

test.describe('what a node did, where the node is', () => {
  test('a node span lists its state changes, each opening its transition in the State view', async ({ page }) => {
    await page.goto(`${SAMPLE}?view=waterfall`);
    await row(page, /PlanNode/).click();
    const changes = details(page).getByRole('region', { name: 'State changes' });
    await expect(changes).toContainText('/outline');
    await expect(changes).toContainText('null →');
    await changes.getByRole('button').first().click();
    await expect(page).toHaveURL(/view=state/);
    await expect(page).toHaveURL(/tx=1(&|$)/);
    await expect(page.getByRole('grid', { name: /Transitions of/ }).locator('[aria-selected=true]')).toContainText('set_outline');
  });

  test('a span selected in the waterfall selects its first transition in the State view', async ({ page }) => {
    await page.goto(`${SAMPLE}?view=waterfall`);
    await row(page, /ReviewNode/).click();
    await page.getByRole('tab', { name: 'State' }).click();
    const selected = page.getByRole('grid', { name: /Transitions of/ }).locator('[aria-selected=true]');
    await expect(selected).toContainText('set_review');
    await expect(selected).toContainText('ReviewNode');

    await page.getByRole('tab', { name: 'Waterfall' }).click();
    await row(page, /POST \/articles/).click();
    await page.getByRole('tab', { name: 'State' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'made no state transition' })).toContainText('POST /articles');
  });

  test('LLM calls read as conversations in all three styles, as text', async ({ page }) => {
    await page.goto(`${SAMPLE}?view=waterfall`);
    await row(page, /ChatCompletion/).click();
    let llm = details(page).getByRole('region', { name: 'LLM conversation' });
    await expect(llm).toContainText('OpenInference');
    await expect(llm).toContainText('model claude-3-5-sonnet');
    await expect(llm.locator('.llm-system')).toContainText('three-point outline');
    await expect(llm.locator('.llm-assistant')).toContainText('waggle dance');

    await row(page, /chat gpt-4o/).click();
    llm = details(page).getByRole('region', { name: 'LLM conversation' });
    await expect(llm).toContainText('OpenTelemetry GenAI');
    await expect(llm).toContainText('finished: tool_calls');
    await expect(llm.locator('.llm-tool-call')).toContainText('search_papers');
    await expect(llm.locator('.llm-tool-call')).toContainText('"limit": 3');
    // Markup in a message stays text.
    await expect(llm.locator('.llm-assistant')).toContainText('<b>Bold</b> claims need sources.');
    await expect(llm.locator('b')).toHaveCount(0);

    await row(page, /model request 1/).click();
    llm = details(page).getByRole('region', { name: 'LLM conversation' });
    await expect(llm).toContainText('Junjo agent');
    await expect(llm).toContainText(/tokens in → \d+ out/);
  });

  test('tokens on waterfall labels, per node on the graph and for the run in the header', async ({ page }) => {
    await page.goto(`${SAMPLE}?view=waterfall`);
    await expect(page.locator('.trace-tokens')).toContainText('5 LLM calls');
    await expect(row(page, /chat gpt-4o/).locator('.wf-llm')).toHaveText(/^gpt-4o · \d+→\d+ tok$/);
    await page.getByRole('tab', { name: 'Workflow graph' }).click();
    await graphReady(page);
    await expect(graphNode(page, 'DraftNode')).toContainText(/\d+ tok/);
    await expect(graphNode(page, 'GatherNode')).not.toContainText('tok');
  });
});

test.describe('concurrency and nesting', () => {
  test('the RunConcurrent box names the key its branches both wrote, and the State view marks those writes', async ({ page }) => {
    await page.goto(`${SAMPLE}?view=graph`);
    await graphReady(page);
    await expect(graphNode(page, 'Checks')).toContainText('both wrote /checks_done');
    // A node of a subflow inside a subflow ran once, not "×2".
    await expect(graphNode(page, 'CitationCheckNode')).not.toContainText('×2');
    await expect(graphNode(page, 'CitationCheckNode')).toHaveAttribute('aria-label', /ran once/);

    await page.getByRole('tab', { name: 'State' }).click();
    await page.getByRole('navigation', { name: 'Stores' }).getByRole('button', { name: /FactCheckStore/ }).click();
    const marks = page.getByRole('grid', { name: /Transitions of/ }).locator('.st-tag-race');
    await expect(marks).toHaveCount(2);
    await expect(marks.first()).toHaveAttribute('title', /SourceCheckNode and ToneCheckNode both wrote \/checks_done while both were running/);
  });

  test('the possible-race label on the waterfall is readable in the light theme', async ({ page }) => {
    await page.goto('/sample/junjo-g1-legacy.json?view=waterfall');
    const race = row(page, /Counter Nodes/).locator('.wf-race');
    await expect(race).toContainText('/counter');
    const colors = await race.evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]);
    expect(colors[1]).not.toBe('rgba(0, 0, 0, 0)');
    expect(colors[0]).not.toBe(colors[1]);
  });
});

test.describe('layout', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('the details panel sits beside the view, resizes, collapses and never hides the zoom buttons', async ({ page }) => {
    await page.goto(`${SAMPLE}?view=waterfall`);
    await row(page, /PlanNode/).click();
    await expect(details(page)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Zoom to span' })).toBeInViewport();
    const reset = page.getByRole('button', { name: 'Reset zoom' });
    await expect(reset).toBeInViewport();
    const resetBox = (await reset.boundingBox())!;
    const panelBox = (await page.locator('.split-side-wrap').boundingBox())!;
    expect(resetBox.x + resetBox.width).toBeLessThanOrEqual(panelBox.x + 1);

    const handle = page.getByRole('separator', { name: 'Width of the details panel' });
    const before = Number(await handle.getAttribute('aria-valuenow'));
    await handle.focus();
    await page.keyboard.press('ArrowLeft');
    await expect(handle).toHaveAttribute('aria-valuenow', String(before + 40));

    await page.getByRole('button', { name: /Hide/ }).click();
    await expect(details(page)).toHaveCount(0);
    await page.getByRole('button', { name: 'Details: PlanNode' }).click();
    await expect(details(page).locator('h2')).toHaveText('PlanNode');
  });

  test('the graph opens with readable node text and the tab title names the trace', async ({ page }) => {
    await page.goto(`${SAMPLE}?view=graph`);
    await graphReady(page);
    await expect(graphNode(page, 'PlanNode')).toBeVisible();
    await expect(page).toHaveTitle('POST /articles · research_article_workflow — Junjo Trace Viewer');
    const size = await graphNode(page, 'PlanNode').locator('.gf-label').evaluate((el) => {
      const zoom = new DOMMatrix(getComputedStyle(el.closest('.react-flow__viewport')!).transform).a;
      return parseFloat(getComputedStyle(el).fontSize) * zoom;
    });
    expect(size).toBeGreaterThanOrEqual(11);
  });

  test('the URL numbers transitions as the screen does', async ({ page }) => {
    await page.goto(`${SAMPLE}?view=state&tx=3`);
    await expect(page.getByRole('grid', { name: /Transitions of/ }).locator('[aria-selected=true] .st-num').first()).toHaveText('3');
  });
});

test.describe('state view room and smaller things', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('stepping in the State view leaves the details panel closed, shows every transition row and the key history in view', async ({ page }) => {
    await page.goto(`${SAMPLE}?view=state`);
    const grid = page.getByRole('grid', { name: 'Transitions of ArticleStore' });
    await expect(grid).toBeVisible();
    await page.getByRole('button', { name: 'Next →' }).click();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(page).toHaveURL(/tx=3(&|$)/);
    await expect(details(page)).toHaveCount(0);
    // All five transitions fit: none is cut off while the screen has room.
    const rows = grid.getByRole('row').filter({ has: page.locator('.st-num') });
    await expect(rows).toHaveCount(5);
    for (const n of [0, 4]) await expect(rows.nth(n)).toBeInViewport({ ratio: 1 });
    // A key's history opens in view, without scrolling by hand.
    await page.locator('.st-step').getByRole('button', { name: '/notes', exact: true }).first().click();
    await expect(page.getByRole('region', { name: /History of/ })).toBeInViewport();
  });

  test('the import report shares the tab row instead of a full-width bar; its details open on demand', async ({ page }) => {
    await page.goto(SAMPLE);
    const report = page.getByLabel('Import report');
    await expect(report).toContainText('22 spans in 1 trace');
    const reportBox = (await report.boundingBox())!;
    const tabsBox = (await page.getByRole('tablist', { name: 'Views' }).boundingBox())!;
    expect(reportBox.width).toBeLessThan(1280 * 0.6);
    expect(Math.abs(reportBox.y + reportBox.height / 2 - (tabsBox.y + tabsBox.height / 2))).toBeLessThan(8);
    await report.locator('summary').click();
    await expect(report.getByText('Everything in the input was read.')).toBeVisible();
  });

  test('the legacy "source/sink ids match no node" quirk is a detail about the graph, not a warning', async ({ page }) => {
    await page.goto('/sample/junjo-g1-legacy.json?view=graph');
    await graphReady(page);
    const problems = page.getByRole('status', { name: 'Graph and span matching' });
    await expect(problems).toContainText('1 detail about the graph');
    await expect(problems).not.toContainText('note on the graph');
    await problems.getByText('1 detail about the graph').click();
    await expect(problems).toContainText('source/sink ids match no node');
  });

  test('a parent store with no change points to the subflow store that changed', async ({ page }) => {
    await page.goto('/');
    await openFile(page, 'subflow_with_parent_store.json', fixtureText('junjo/workflow/subflow_with_parent_store.json'));
    await page.getByRole('tab', { name: 'State' }).click();
    const hint = page.getByRole('note').filter({ hasText: 'This store did not change' });
    await expect(hint).toContainText('child_subflow, 1 transition');
    await hint.getByRole('button', { name: 'ChildSubflowState' }).click();
    await expect(page).toHaveURL(/store=store-subflow-child-01/);
    await expect(page.getByRole('grid', { name: 'Transitions of ChildSubflowState' })).toBeVisible();
  });
});

test.describe('RunConcurrent branches in declared order', () => {
  /** The G3 sample with AddTenNode starting 1 ms before its siblings (declared: Increment, Decrement, AddTen). */
  function addTenFirst(): string {
    type OtlpSpan = { name: string; parentSpanId?: string; startTimeUnixNano: string };
    const doc = JSON.parse(readFileSync('public/samples/junjo-g3-contract-v2.json', 'utf8')) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] };
    const spans = doc.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans));
    const addTen = spans.find((span) => span.name === 'AddTenNode')!;
    const siblings = spans.filter((span) => span.parentSpanId === addTen.parentSpanId);
    const earliest = siblings.reduce((min, span) => (BigInt(span.startTimeUnixNano) < min ? BigInt(span.startTimeUnixNano) : min), BigInt(addTen.startTimeUnixNano));
    addTen.startTimeUnixNano = String(earliest - 1_000_000n);
    return JSON.stringify(doc);
  }

  test("Counter Nodes' branches are listed in the graph's declared order, not start order", async ({ page }) => {
    await page.goto('/');
    await openFile(page, 'add-ten-first.json', addTenFirst());
    await page.getByRole('tab', { name: 'Waterfall' }).click();
    await expect(row(page, /AddTenNode/)).toBeVisible();
    // The declared order comes with the Junjo analysis (its parsed graphs), just after the rows.
    await expect
      .poll(() =>
        waterfall(page)
          .getByRole('row')
          .evaluateAll((rows) =>
            rows
              .map((el) => ({ at: Number(el.getAttribute('aria-rowindex')), text: el.textContent ?? '' }))
              .sort((a, b) => a.at - b.at)
              .map((entry) => /Counter Nodes|IncrementNode|DecrementNode|AddTenNode/.exec(entry.text)?.[0])
              .filter(Boolean),
          ),
      )
      .toEqual(['Counter Nodes', 'IncrementNode', 'DecrementNode', 'AddTenNode']);
    // The branch lanes under the group still count all three.
    await expect(row(page, /Counter Nodes/).locator('.wf-lane-bar')).toHaveCount(3);
  });
});
