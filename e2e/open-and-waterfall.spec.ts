import { expect, test } from '@playwright/test';
import { dropFile, fixtureText, openFile, waterfall } from './support/fixtures.ts';

test.describe('opening traces', () => {
  test('a Tempo trace file opens into a waterfall with every span', async ({ page }) => {
    await page.goto('/');
    await openFile(page, 'queue.json', fixtureText('tempo/tempo-trace-queue-database.resourceSpans.json'));
    await expect(waterfall(page)).toBeVisible();
    await expect(page.getByText('19 of 19 rows')).toBeVisible();
    await expect(waterfall(page)).toHaveAttribute('aria-rowcount', '19');
    await expect(page).toHaveURL(/\/file\/queue\.json$/);
    await expect(page.getByLabel('Import report')).toContainText('19 spans in 1 trace');
  });

  test('the name and count of a row get their tooltip when the pointer is over them', async ({ page }) => {
    await page.goto('/');
    await openFile(page, 'queue.json', fixtureText('tempo/tempo-trace-queue-database.resourceSpans.json'));
    const firstRow = waterfall(page).getByRole('row').first();
    const label = firstRow.locator('.wf-label');
    await label.hover();
    await expect(label).toHaveAttribute('title', /^[^:]+: .+/);
    const count = firstRow.locator('.wf-count');
    await count.hover();
    await expect(count).toHaveAttribute('title', /^\d+ spans? below$/);
  });

  test('dropping a Jaeger file anywhere on the page opens it', async ({ page }) => {
    await page.goto('/');
    await dropFile(page, 'jaeger.json', fixtureText('jaeger/v1-trace-57spans-10services.json'));
    await expect(page.getByText('57 of 57 rows')).toBeVisible();
    await expect(page.locator('.trace-header')).toContainText('10 services');
  });

  test('pasted JSON opens through the paste dialog', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Paste JSON' }).click();
    await page.getByLabel('Trace JSON').fill(fixtureText('tempo/tempo-vulture-trace-with-events.resourceSpans.json'));
    await page.getByRole('dialog').getByRole('button', { name: 'Open' }).click();
    await expect(waterfall(page)).toBeVisible();
    await expect(waterfall(page)).toHaveAttribute('aria-rowcount', '6');
    await expect(page.getByLabel('Import report')).toContainText('pasted.json');
  });

  test('several traces in one input are listed in a picker', async ({ page }) => {
    await page.goto('/');
    const lines = [fixtureText('tempo/tempo-trace-queue-database.resourceSpans.json'), fixtureText('tempo/tempo-vulture-trace-with-events.resourceSpans.json')]
      .map((text) => JSON.stringify(JSON.parse(text)))
      .join('\n');
    await openFile(page, 'two.jsonl', lines);
    const picker = page.getByRole('table');
    await expect(picker.getByRole('row')).toHaveCount(3);
    await picker.getByRole('button').first().click();
    await expect(waterfall(page)).toBeVisible();
    await expect(page).toHaveURL(/trace=[0-9a-f]{32}/);
  });

  for (const [name, content, expected] of [
    ['empty.json', '', /empty/i],
    ['notes.txt', 'hello, this is not a trace', /not JSON|not a trace|JSON/i],
    ['cut.json', '{"resourceSpans": [{"scopeSpans": [{"spans": [{"traceId": "ab', /truncated|ends|cut/i],
    ['shape.json', '{"hello": [1, 2, 3]}', /hello/],
  ] as const) {
    test(`a bad input (${name}) gets a message in an alert`, async ({ page }) => {
      await page.goto('/');
      await openFile(page, name, content);
      const alert = page.getByRole('alert');
      await expect(alert).toBeVisible();
      await expect(alert).toContainText(expected);
      await expect(page.getByRole('button', { name: 'Open another file' })).toBeVisible();
    });
  }

  test('binary garbage is rejected with a message', async ({ page }) => {
    await page.goto('/');
    const bytes = Buffer.from([0x00, 0x00, 0x01, 0x2a, 0x0a, 0x99, 0xff, 0x13, 0x37, 0x80, 0x01, 0x02]);
    await openFile(page, 'trace.pb', bytes);
    await expect(page.getByRole('alert')).toContainText(/binary|protobuf/i);
  });
});

test.describe('the waterfall', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('/');
    await openFile(page, 'queue.json', fixtureText('tempo/tempo-trace-queue-database.resourceSpans.json'));
    await expect(waterfall(page)).toBeVisible();
  });

  test('keyboard: arrows move and collapse, Enter opens the details', async ({ page }) => {
    const grid = waterfall(page);
    await grid.focus();
    await page.keyboard.press('ArrowDown');
    const first = grid.getByRole('row').first();
    await expect(first).toHaveAttribute('aria-selected', 'true');
    await expect(page).toHaveURL(/span=[0-9a-f]{16}/);
    await expect(first).toHaveAttribute('aria-expanded', 'true');
    await page.keyboard.press('ArrowLeft');
    await expect(first).toHaveAttribute('aria-expanded', 'false');
    await expect(grid).toHaveAttribute('aria-rowcount', '1');
    await page.keyboard.press('ArrowRight');
    await expect(grid).toHaveAttribute('aria-rowcount', '19');
    await page.keyboard.press('ArrowDown');
    await expect(grid.getByRole('row').nth(1)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Enter');
    await expect(page.locator('#span-details')).toBeFocused();
  });

  test('search counts matches, steps through them and can hide other branches', async ({ page }) => {
    await page.keyboard.press('/');
    await expect(page.getByRole('searchbox')).toBeFocused();
    await page.keyboard.type('mythical-recorder');
    // The count of the whole word, not of a prefix typed so far.
    await expect(page).toHaveURL(/q=mythical-recorder/);
    await expect(page.locator('.wf-match-count')).toHaveText(/\d+ match/);
    const count = Number((await page.locator('.wf-match-count').innerText()).match(/\d+/)![0]);
    expect(count).toBeGreaterThan(0);
    await page.keyboard.press('Enter');
    await expect(page.locator('.wf-match-count')).toHaveText(`1 of ${count}`);
    await expect(page).toHaveURL(/q=mythical-recorder/);
    await page.getByLabel('Only matches').check();
    const rows = Number(await waterfall(page).getAttribute('aria-rowcount'));
    expect(rows).toBeLessThan(19);
    expect(rows).toBeGreaterThanOrEqual(count);
  });

  test('the selection, search and zoom survive a reload of a sample', async ({ page }) => {
    await page.goto('/sample/plain-http-service.json');
    await expect(waterfall(page)).toBeVisible();
    await waterfall(page).getByRole('row').nth(2).click();
    const selectedName = await waterfall(page).locator('[aria-selected=true] .wf-label').innerText();
    await page.getByRole('searchbox').fill('GET');
    await expect(page).toHaveURL(/q=GET/);
    const box = (await page.locator('.wf-axis').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.1, box.y + 5);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.6, box.y + 5, { steps: 5 });
    await page.mouse.up();
    await expect(page).toHaveURL(/zoom=0\.\d+-0\.\d+/);
    const url = page.url();
    await page.reload();
    await expect(page).toHaveURL(url);
    await expect(waterfall(page).locator('[aria-selected=true] .wf-label')).toHaveText(selectedName);
    await expect(page.getByRole('searchbox')).toHaveValue('GET');
    await expect(page.getByRole('button', { name: 'Reset zoom' })).toBeVisible();
  });

  test('the waterfall zooms from the keyboard (+, −, Shift+arrows, 0) and says what it shows', async ({ page }) => {
    await page.goto('/sample/plain-http-service.json');
    await expect(waterfall(page)).toBeVisible();
    const status = page.getByTestId('zoom-status');
    await expect(status).toHaveText(/Showing the whole trace/);
    // The time axis is a focus stop that documents its keys.
    const axis = page.getByRole('group', { name: /Time axis/ });
    await expect(axis).toHaveAttribute('aria-keyshortcuts', /\+ - 0/);
    await axis.focus();
    await page.keyboard.press('+');
    await expect(page).toHaveURL(/zoom=0\.25-0\.75/);
    await expect(status).toHaveText(/Zoomed: showing .* \(50% of the trace\)/);
    await page.keyboard.press('Shift+ArrowRight');
    await expect(page).toHaveURL(/zoom=0\.375-0\.875/);
    await page.keyboard.press('-');
    await expect(page).not.toHaveURL(/zoom=/);
    await expect(status).toHaveText(/Showing the whole trace/);
    // The same keys work in the span rows, around the selected span; 0 resets.
    await waterfall(page).getByRole('row').nth(1).click();
    await waterfall(page).press('+');
    await expect(page).toHaveURL(/zoom=/);
    await expect(page.getByRole('button', { name: 'Reset zoom' })).toBeEnabled();
    await waterfall(page).press('0');
    await expect(page).not.toHaveURL(/zoom=/);
    await expect(page.getByRole('button', { name: 'Reset zoom' })).toBeDisabled();
  });

  test('span details show attributes as text and link to the parent', async ({ page }) => {
    await waterfall(page).getByRole('row').nth(1).click();
    const details = page.locator('#span-details');
    await expect(details.getByRole('table', { name: 'Span attributes' })).toBeVisible();
    await expect(details.getByRole('table', { name: 'Resource attributes' })).toContainText('service.name');
    await expect(details).toContainText('Duration');
    const childName = await details.locator('h2').innerText();
    const parentLink = details.getByRole('row', { name: /Parent/ }).getByRole('button');
    const parentName = await parentLink.innerText();
    await parentLink.click();
    await expect(details.locator('h2')).toHaveText(parentName);
    expect(parentName).not.toBe(childName);
  });

  test('zoom to the selected span and back out, by keyboard', async ({ page }) => {
    await waterfall(page).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.getByRole('button', { name: 'Zoom to span' }).focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/zoom=\d/);
    await page.getByRole('button', { name: 'Reset zoom' }).focus();
    await page.keyboard.press('Enter');
    await expect(page).not.toHaveURL(/zoom=/);
  });

  test('theme follows the toggle', async ({ page }) => {
    const toggle = page.getByRole('button', { name: /Theme:/ });
    await toggle.click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await toggle.click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  });

  test('the trace on screen exports as OTLP JSON with every span', async ({ page }) => {
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export OTLP JSON' }).click();
    const file = await (await download).path();
    const { readFileSync } = await import('node:fs');
    const exported = JSON.parse(readFileSync(file, 'utf8')) as { resourceSpans: { scopeSpans: { spans: unknown[] }[] }[] };
    const count = exported.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)).length;
    expect(count).toBe(19);
  });
});

test.describe('review fixes', () => {
  test('Collapse all collapses even with a span selected deep in the tree, and shows "1 level"', async ({ page }) => {
    await page.goto('/sample/junjo-g1-legacy.json?view=waterfall');
    await waterfall(page).getByRole('row', { name: /chat gpt-4o-mini/ }).first().click();
    await page.getByRole('button', { name: 'Collapse all' }).click();
    await expect(waterfall(page)).toHaveAttribute('aria-rowcount', '1');
    await expect(page.getByLabel('Show levels of the tree')).toHaveValue('0');
  });

  test('a RunConcurrent span names the state keys its branches both wrote', async ({ page }) => {
    await page.goto('/sample/junjo-g1-legacy.json?view=waterfall');
    const group = waterfall(page).getByRole('row', { name: /Counter Nodes/ });
    await expect(group).toContainText('possible race: /counter');
    await group.click();
    const section = page.getByRole('region', { name: 'RunConcurrent' });
    await expect(section).toContainText('/counter');
    await expect(section).toContainText(/Parallel efficiency\s*\d+\.\d+×/);
  });

  test('Escape in the details panel returns the keyboard to the waterfall', async ({ page }) => {
    await page.goto('/sample/plain-http-service.json');
    await waterfall(page).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page.locator('#span-details')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(waterfall(page)).toBeFocused();
  });

  test('a link that names no trace says so', async ({ page }) => {
    await page.goto('/tempo-local/trace/zzzz');
    await expect(page.getByRole('alert')).toContainText('does not name a trace');
  });

  test('clicking spans adds history entries; Back returns to the previous span', async ({ page }) => {
    await page.goto('/sample/plain-http-service.json');
    await waterfall(page).getByRole('row').nth(1).click();
    const first = page.url();
    await waterfall(page).getByRole('row').nth(3).click();
    expect(page.url()).not.toBe(first);
    await page.goBack();
    await expect(page).toHaveURL(first);
  });
});

test('the name column can be widened from the keyboard', async ({ page }) => {
  await page.goto('/sample/plain-http-service.json');
  const splitter = page.getByRole('separator', { name: 'Width of the span name column' });
  const before = Number(await splitter.getAttribute('aria-valuenow'));
  const nameCell = waterfall(page).getByRole('row').first().getByRole('gridcell').first();
  const widthBefore = (await nameCell.boundingBox())!.width;
  await splitter.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await expect(splitter).toHaveAttribute('aria-valuenow', String(before + 10));
  expect((await nameCell.boundingBox())!.width).toBeGreaterThan(widthBefore);
});
