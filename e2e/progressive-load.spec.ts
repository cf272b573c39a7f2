import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { writeJunjoHeavyTrace } from '../scripts/lib/junjo-heavy-trace.ts';
import { waterfall } from './support/fixtures.ts';

/**
 * A large Jaeger JSON file: rows of the spans of its first chunk appear with a "Reading" status while
 * the whole file is read, then the whole trace replaces them. A file cut off mid-way shows its first rows, then the
 * usual "cut off" error.
 */
const spans = 20_000;
let path = '';

test.beforeAll(() => {
  path = join(mkdtempSync(join(tmpdir(), 'jtv-progressive-')), 'heavy-jaeger.json');
  writeJunjoHeavyTrace(spans, 'jaeger', path);
});

test('a large Jaeger file shows its first rows with the reading status, then the whole trace', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await page.locator('[data-testid=file-input]').first().setInputFiles(path);
  const status = page.getByRole('region', { name: 'Reading the file' });
  await expect(status).toBeVisible({ timeout: 60_000 });
  // Screen readers hear it politely, by quarters.
  await expect(page.getByRole('status').filter({ hasText: /^Reading heavy-jaeger\.json: (0|25|50|75)%\./ })).toHaveCount(1);
  await expect(status).toContainText(/Reading heavy-jaeger\.json.*… \d+% \(\d+ MB\)/);
  await expect(status).toContainText('spans whose parent is not read yet are shown at the top level');
  await expect(page.getByRole('progressbar', { name: 'Reading heavy-jaeger.json' })).toBeVisible();
  // Rows of the spans read so far, while the status is up: fewer than the whole file's. A Junjo file
  // still being read opens on its waterfall (its graph needs the whole file).
  await expect(page.getByRole('tab', { name: 'Waterfall' })).toHaveAttribute('aria-selected', 'true');
  await expect(waterfall(page).getByRole('row').first()).toBeVisible();
  const partialRows = Number(await waterfall(page).getAttribute('aria-rowcount'));
  expect(partialRows).toBeGreaterThan(0);
  expect(partialRows).toBeLessThan(spans);
  await expect(page.getByLabel('Import report')).toContainText('still reading');
  // The workflow tabs wait for the whole file.
  await page.getByRole('tab', { name: 'Workflow graph' }).click();
  await expect(page.getByText('Reading the rest of the file first…')).toBeVisible();
  await page.getByRole('tab', { name: 'Waterfall' }).click();

  // Then the whole trace replaces the rows and the status goes.
  await expect(status).toHaveCount(0, { timeout: 150_000 });
  await expect(page.getByLabel('Import report')).toContainText(`${spans.toLocaleString('en-US')} spans in 1 trace`);
  expect(Number(await waterfall(page).getAttribute('aria-rowcount'))).toBeGreaterThan(partialRows);
  await page.getByRole('tab', { name: 'Workflow graph' }).click();
  await expect(page.getByText('Reading the rest of the file first…')).toHaveCount(0);
  // The Junjo analysis, which may come while the whole trace is rebuilt in slices, is not lost: the graph draws.
  await expect(page.locator('.react-flow__node').first()).toBeVisible({ timeout: 60_000 });

  // Its steps that follow no declared edge are told per transition, with how often, the most
  // frequent first; a transition opens the span of its first step.
  const problems = page.getByRole('status', { name: 'Graph and span matching' });
  await expect(problems).toContainText(/⚠ [\d,]+ steps follow no declared edge \(\d+ transitions?\):/);
  const transitions = problems.getByRole('button', { name: / → .+ ×[\d,]+$/ });
  const counts = (await transitions.allInnerTexts()).map((text) => Number(/×([\d,]+)$/.exec(text)?.[1]?.replace(/,/g, '')));
  expect(counts.length).toBeGreaterThan(0);
  expect(counts).toEqual([...counts].sort((a, b) => b - a));
  await transitions.first().click();
  await expect(page).toHaveURL(/[?&]span=/);
});

test('a large Jaeger file cut off mid-way shows its first rows, then says it is cut off', async ({ page }) => {
  test.setTimeout(180_000);
  const bytes = readFileSync(path);
  const cut = join(mkdtempSync(join(tmpdir(), 'jtv-progressive-')), 'cut-jaeger.json');
  writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
  await page.goto('/');
  await page.locator('[data-testid=file-input]').first().setInputFiles(cut);
  await expect(page.getByRole('region', { name: 'Reading the file' })).toContainText('Reading cut-jaeger.json', { timeout: 60_000 });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('cut-jaeger.json', { timeout: 150_000 });
  await expect(alert).toContainText(/cut off/i);
  await expect(page.getByRole('region', { name: 'Reading the file' })).toHaveCount(0);
});
