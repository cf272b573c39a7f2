import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { fixturesDir, openFile, waterfall } from './support/fixtures.ts';

/** Every data file in fixtures/ either opens or gets a specific message. */
const files = ['jaeger', 'tempo', 'junjo/workflow', 'junjo/store', 'junjo/schemas'].flatMap((dir) =>
  readdirSync(join(fixturesDir, dir))
    .filter((name) => name.endsWith('.json'))
    .map((name) => `${dir}/${name}`),
);

test.describe('every fixture', () => {
  for (const file of files) {
    test(`${file} opens or says what it is`, async ({ page }) => {
      await page.goto('/');
      await openFile(page, file.split('/').pop()!, readFileSync(join(fixturesDir, file)));
      // A Junjo workflow opens on its graph, any other trace on the waterfall.
      const opened = waterfall(page).or(page.getByRole('table', { name: 'Traces in this input' })).or(page.getByRole('region', { name: 'Workflow graph' }));
      await expect(opened.or(page.getByRole('alert'))).toBeVisible();
      if (await page.getByRole('alert').isVisible()) {
        // Not a trace (search results, patch vectors, schemas): the message names what was found.
        await expect(page.getByRole('alert')).toContainText(/search result|not a trace|keys|spans/i);
        expect(file).toMatch(/search-response|store\/|schemas\//);
      } else {
        expect(file).not.toMatch(/search-response|store\/|schemas\//);
      }
    });
  }
});

test('a link to a span in the same trace selects it', async ({ page }) => {
  await page.goto('/');
  await openFile(page, 'rich.json', readFileSync(join(fixturesDir, 'jaeger/otlp-tracesdata-rich.json')));
  // Trace 0000000000000001…: span 0000000000000002 links to span 0000000000000004 of the same trace.
  await page.getByRole('table', { name: 'Traces in this input' }).getByRole('row', { name: /00000000000000010000000000000000/ }).getByRole('button').click();
  const rows = waterfall(page).getByRole('row');
  const count = await rows.count();
  for (let i = 0; i < count; i++) {
    await rows.nth(i).click();
    const link = page.locator('#span-details .details-links button.link-button').first();
    if (await link.isVisible()) {
      const target = (await link.locator('code').innerText()).trim();
      await link.click();
      await expect(page).toHaveURL(new RegExp(`span=${target}`));
      await expect(waterfall(page).locator('[aria-selected=true]')).toHaveAttribute('data-span-id', target);
      return;
    }
  }
  throw new Error('no span with a link into its own trace was found');
});

test('collapsed branches survive a reload', async ({ page }) => {
  await page.goto('/sample/plain-http-service.json');
  const grid = waterfall(page);
  const before = Number(await grid.getAttribute('aria-rowcount'));
  const branch = grid.locator('[role=row][aria-expanded=true]').nth(1);
  await branch.getByRole('button', { name: /^Collapse / }).click();
  const after = Number(await grid.getAttribute('aria-rowcount'));
  expect(after).toBeLessThan(before);
  await expect(page).toHaveURL(/collapsed=[0-9a-f]{16}/);
  await page.reload();
  await expect(grid).toHaveAttribute('aria-rowcount', String(after));
});

test('a gzip-compressed trace file opens', async ({ page }) => {
  const { gzipSync } = await import('node:zlib');
  await page.goto('/');
  await openFile(page, 'trace.json.gz', gzipSync(readFileSync(join(fixturesDir, 'tempo/tempo-trace-queue-database.resourceSpans.json'))));
  await expect(waterfall(page)).toHaveAttribute('aria-rowcount', '19');
});

test('reloading a local file asks for it again, then restores the selection', async ({ page }) => {
  const content = readFileSync(join(fixturesDir, 'jaeger/v1-trace-57spans-10services.json'));
  await page.goto('/');
  await openFile(page, 'genai.json', content);
  await waterfall(page).getByRole('row').nth(4).click();
  const url = page.url();
  const selected = await waterfall(page).locator('[aria-selected=true]').getAttribute('data-span-id');
  await page.reload();
  await expect(page.getByRole('region', { name: 'Open the file again' })).toContainText('genai.json');
  await openFile(page, 'genai.json', content);
  await expect(page).toHaveURL(url);
  await expect(waterfall(page).locator('[aria-selected=true]')).toHaveAttribute('data-span-id', selected!);
});
