import { mkdtempSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { expect, test } from '@playwright/test';
import { openFile, waterfall } from './support/fixtures.ts';
import { deepChain, otlpDocument, otlpSpan } from './support/make-otlp.ts';

const tmp = mkdtempSync(join(tmpdir(), 'jtv-e2e-'));

test.describe('hostile and broken inputs', () => {
  test('a 10 MB attribute value opens and is shown shortened, with a copy button', async ({ page }) => {
    await page.goto('/');
    const path = join(tmp, 'big-attribute.json');
    writeFileSync(path, otlpDocument([{ id: 1, name: 'huge', attributes: { 'llm.prompt': 'x'.repeat(10_000_000) } }]));
    await page.locator('[data-testid=file-input]').first().setInputFiles(path);
    await waterfall(page).getByRole('row').first().click();
    const details = page.locator('#span-details');
    await expect(details).toContainText('10,000,000 characters');
    const copy = details.getByRole('table', { name: 'Span attributes' }).getByRole('button', { name: 'Copy value' });
    await copy.click();
    // What the click leaves behind is the clipboard's content; the button's "Copied" is only shown for a moment,
    // which a loaded machine can let pass between two looks.
    await expect.poll(() => page.evaluate(async () => (await navigator.clipboard.readText()).length)).toBe(10_000_000);
  });

  test('a 100,000-deep parent chain loads without a stack overflow and stays navigable', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto('/');
    const path = join(tmp, 'deep.json');
    writeFileSync(path, deepChain(100_000));
    await page.locator('[data-testid=file-input]').first().setInputFiles(path);
    await expect(waterfall(page)).toHaveAttribute('aria-rowcount', '100000', { timeout: 60_000 });
    // Virtualized: only the rows near the viewport are in the DOM.
    expect(await waterfall(page).getByRole('row').count()).toBeLessThan(120);
    await waterfall(page).focus();
    await page.keyboard.press('End');
    await expect(waterfall(page).locator('[aria-selected=true]')).toContainText('depth 99999');
    await expect(waterfall(page).locator('[aria-selected=true]')).toHaveAttribute('aria-level', '100000');
  });

  test('a parent cycle is cut and marked', async ({ page }) => {
    await page.goto('/');
    await openFile(page, 'cycle.json', otlpDocument([{ id: 1 }, { id: 2, parent: 4 }, { id: 3, parent: 2 }, { id: 4, parent: 3 }]));
    await expect(waterfall(page)).toHaveAttribute('aria-rowcount', /^[45]$/);
    await expect(waterfall(page)).toContainText('Parent link cut (cycle)');
  });

  test('an orphan is shown under a "parent not in trace" marker', async ({ page }) => {
    await page.goto('/');
    await openFile(page, 'orphan.json', otlpDocument([{ id: 1 }, { id: 2, parent: 77 }]));
    await expect(waterfall(page)).toContainText('Parent not in trace');
    await expect(waterfall(page)).toContainText('000000000000004d');
    // The marker row is no span: two spans, two rows counted (not "3 of 2").
    await expect(page.getByText('2 of 2 rows')).toBeVisible();
  });

  test('a row with one span below says "1 span below", not "1 spans"', async ({ page }) => {
    await page.goto('/');
    await openFile(page, 'pair.json', otlpDocument([{ id: 1 }, { id: 2, parent: 1 }]));
    const count = waterfall(page).locator('.wf-count').first();
    await count.hover();
    await expect(count).toHaveAttribute('title', '1 span below');
    await expect(count).toHaveText('1 descendant');
  });

  test('a span ending before it starts is drawn and reported; NaN and negative times are skipped with reasons', async ({ page }) => {
    await page.goto('/');
    const text = otlpDocument([
      { id: 1, name: 'root' },
      { id: 2, parent: 1, name: 'backwards', start: '1763632800000900000', end: '1763632800000100000' },
      { id: 3, parent: 1, name: 'nan', start: 'NaN' },
      { id: 4, parent: 1, name: 'negative', start: '-5', end: '-1' },
    ]);
    await openFile(page, 'times.json', text);
    await expect(waterfall(page)).toContainText('backwards');
    const report = page.getByLabel('Import report');
    await expect(report).toContainText('2 skipped');
    await report.locator('summary').click();
    await expect(report).toContainText('startTimeUnixNano');
  });

  test('wrong value types: a string where a number belongs is read or skipped, never fatal', async ({ page }) => {
    await page.goto('/');
    const doc = JSON.parse(otlpDocument([{ id: 1, name: 'ok' }, { id: 2, parent: 1, name: 'typed' }])) as { resourceSpans: { scopeSpans: { spans: Record<string, unknown>[] }[] }[] };
    const spans = doc.resourceSpans[0]!.scopeSpans[0]!.spans;
    spans[1]!.kind = 'three';
    spans[1]!.attributes = [{ key: 'n', value: { intValue: 'not a number' } }];
    await openFile(page, 'types.json', JSON.stringify(doc));
    await expect(waterfall(page)).toBeVisible();
    await expect(waterfall(page)).toContainText('ok');
  });

  test('a 200 MB file loads in the worker while the page stays responsive', async ({ page }) => {
    test.setTimeout(180_000);
    const path = join(tmp, 'huge.jsonl');
    const out = createWriteStream(path);
    const padding = 'p'.repeat(1_900);
    let bytes = 0;
    for (let i = 1; bytes < 200 * 1024 * 1024; i++) {
      const line = JSON.stringify({ resourceSpans: [{ resource: { attributes: [] }, scopeSpans: [{ spans: [otlpSpan({ id: i, ...(i > 1 ? { parent: 1 } : {}), attributes: { padding } })] }] }] }) + '\n';
      bytes += line.length;
      if (!out.write(line)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    await page.goto('/');
    await page.locator('[data-testid=file-input]').first().setInputFiles(path);
    await expect(page.getByRole('progressbar')).toBeVisible();
    // The main thread is free while the worker decodes: the theme toggle answers at once.
    const toggle = page.getByRole('button', { name: /Theme:/ });
    await toggle.click();
    await expect(toggle).toHaveText('Theme: light');
    await expect(waterfall(page).or(page.getByRole('alert'))).toBeVisible({ timeout: 150_000 });
    if (await page.getByRole('alert').isVisible()) await expect(page.getByRole('alert')).toContainText(/large|memory|spans/i);
    else await expect(page.getByLabel('Import report')).toContainText(/spans in 1 trace/);
  });
});
