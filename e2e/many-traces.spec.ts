import { expect, test } from '@playwright/test';
import { openFile, waterfall } from './support/fixtures.ts';

/** `n` one-span traces in one OTLP JSON file. */
function manyOneSpanTraces(n: number): string {
  const spans = Array.from({ length: n }, (_, i) => ({
    traceId: `a${(i + 1).toString(16).padStart(31, '0')}`,
    spanId: `b${(i + 1).toString(16).padStart(15, '0')}`,
    name: `run ${i + 1}`,
    startTimeUnixNano: String(1700000000000000000n + BigInt(i) * 1000000n),
    endTimeUnixNano: String(1700000000000000000n + BigInt(i) * 1000000n + 500000n),
  }));
  return JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] }, scopeSpans: [{ scope: {}, spans }] }] });
}

test('a file of 20,000 one-span traces is listed with only the rows in view rendered, and the last one opens', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await openFile(page, 'many.json', manyOneSpanTraces(20_000));
  await expect(page.getByRole('heading', { name: 'This input holds 20,000 traces' })).toBeVisible({ timeout: 120_000 });
  const table = page.getByRole('table');
  await expect(table).toHaveAttribute('aria-rowcount', '20001');
  const rendered = await table.getByRole('row').count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(200); // before: all 20,001 rows in the DOM
  await page.locator('.picker').evaluate((element) => element.scrollTo(0, element.scrollHeight));
  const last = table.getByRole('button', { name: 'run 20000', exact: true });
  await expect(last).toBeVisible();
  await last.click();
  await expect(waterfall(page)).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`trace=a${(20000).toString(16).padStart(31, '0')}`));
});
