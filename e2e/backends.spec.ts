import { expect, test } from '@playwright/test';
import { idBox, openById, refuseInEveryResponse } from './support/credential-watch.ts';
import * as data from './support/backend-data.ts';
import { waterfall } from './support/fixtures.ts';

refuseInEveryResponse({ texts: [data.tempoToken], what: 'the Tempo token' });

test('the configured sources are listed in the ID box and on the start screen', async ({ page }) => {
  await page.goto('/');
  const options = idBox(page).getByLabel('Source').locator('option');
  await expect(options).toHaveText(['All sources', 'local', 'tempo-local (Tempo)', 'jaeger-local (Jaeger)', `${data.studioSource} (Junjo AI Studio)`, `${data.junjoServerSource} (Junjo Server)`]);
  await expect(page.getByRole('heading', { name: 'Recent workflow runs' })).toBeVisible();
  await expect(page.getByRole('region', { name: /tempo-local/ })).toBeVisible();
  await expect(page.getByRole('region', { name: /jaeger-local/ })).toBeVisible();
});

test('pasted IDs open the trace: hex without leading zeros, a traceparent, a Jaeger link, Tempo v1', async ({ page }) => {
  await page.goto('/');
  await openById(page, data.jaegerV3TraceId.replace(/^0+/, ''), data.jaegerSource);
  await expect(page).toHaveURL(`/${data.jaegerSource}/trace/${data.jaegerV3TraceId}`);
  await expect(waterfall(page)).toBeVisible();
  await expect(page.locator('.trace-header')).toContainText(data.jaegerV3TraceId);

  await openById(page, `00-${data.junjoTraceId}-b7ad6b7169203331-01`, data.tempoSource);
  await expect(page).toHaveURL(`/${data.tempoSource}/trace/${data.junjoTraceId}`);
  await expect(page.locator('.trace-title')).toHaveText(data.junjoRootName);
  await expect(page.getByRole('tab', { name: 'Workflow graph' })).toHaveAttribute('aria-selected', 'true'); // a Junjo run opens on its graph
  await page.getByRole('tab', { name: 'Waterfall' }).click();
  await expect(waterfall(page).getByText(data.junjoWorkflowName).first()).toBeVisible();

  await openById(page, `http://localhost:16686/trace/${data.jaegerInternalTraceId}?uiFind=x`, data.jaegerSource);
  await expect(page).toHaveURL(`/${data.jaegerSource}/trace/${data.jaegerInternalTraceId}`);
  await expect(page.getByText('57 of 57 rows')).toBeVisible();

  await openById(page, data.tempoV1TraceId.toUpperCase(), data.tempoSource);
  await expect(page.getByText('19 of 19 rows')).toBeVisible();

  await page.goBack();
  await expect(page).toHaveURL(`/${data.jaegerSource}/trace/${data.jaegerInternalTraceId}`);
  await expect(page.getByText('57 of 57 rows')).toBeVisible();
});

test('"All sources" looks in each source and opens the one that has the trace', async ({ page }) => {
  // A source without the trace is an expected miss, not a failed resource logged in the console.
  const failed: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') failed.push(message.text());
  });
  page.on('response', (response) => {
    if (response.status() === 404) failed.push(`404 ${response.url()}`);
  });
  await page.goto('/');
  await openById(page, data.jaegerInternalTraceId, undefined);
  await expect(page).toHaveURL(`/${data.jaegerSource}/trace/${data.jaegerInternalTraceId}`);
  await expect(idBox(page).getByRole('status')).toHaveText(`Found in ${data.jaegerSource} (not in local and ${data.tempoSource}).`);
  await expect(page.getByText('57 of 57 rows')).toBeVisible();
  expect(failed).toEqual([]);
});

test('"Found in …" is announced politely and leaves nothing over the trace screen or its dialogs', async ({ page }) => {
  await page.goto('/');
  const input = idBox(page).getByLabel('Trace ID');
  await input.fill(data.partialTraceId);
  await input.press('Enter');
  await expect(page).toHaveURL(`/${data.tempoSource}/trace/${data.partialTraceId}`);
  const status = idBox(page).getByRole('status');
  await expect(status).toHaveText(`Found in ${data.tempoSource} (not in local).`);
  await expect(status).toHaveAttribute('aria-live', 'polite');
  await expect(status).toHaveClass('visually-hidden');
  await expect(input).not.toHaveAttribute('aria-describedby');
  await expect(page.locator('.trace-id-message')).toHaveCount(0);

  // The banner under the header is not covered anywhere along its width.
  const banner = page.getByRole('status').filter({ hasText: 'Incomplete trace' });
  await expect(banner).toBeVisible();
  const covered = await banner.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return [0.05, 0.2, 0.3, 0.4, 0.5, 0.7, 0.9].filter((f) => !el.contains(document.elementFromPoint(r.left + r.width * f, r.top + r.height / 2)));
  });
  expect(covered).toEqual([]);

  await page.getByRole('button', { name: 'Recent runs' }).click();
  await expect(page.getByRole('dialog', { name: 'Recent workflow runs' })).toBeVisible();
  await expect(page.locator('.trace-id-message')).toHaveCount(0);
});

test('"All sources" says per source what happened: not found (with the time range) or access refused', async ({ page }) => {
  await page.goto('/');
  await openById(page, data.deniedTraceId, undefined);
  const alert = idBox(page).getByRole('alert');
  await expect(alert.locator('strong')).toHaveText(
    `Trace ${data.deniedTraceId} could not be opened: not found in local, ${data.jaegerSource}, ${data.studioSource} and ${data.junjoServerSource}; ${data.tempoSource} refused access (unauthorized).`,
  );
  await expect(alert).toContainText(`Source "${data.tempoSource}" refused access: unauthorized (HTTP 401). Check the credentials`);
  await expect(alert).toContainText(`was not found in source "${data.jaegerSource}" (asked Jaeger API v3). Time range: none given, so Jaeger searched all of its storage`);
  await expect(alert).not.toContainText('could not be found');
  await expect(page).toHaveURL('/');

  // Escape closes the message; so does opening another screen.
  await idBox(page).getByLabel('Trace ID').press('Escape');
  await expect(alert).toHaveCount(0);
  await openById(page, data.deniedTraceId, undefined);
  await expect(alert).toBeVisible();
  await page.getByRole('table', { name: `Recent runs in ${data.tempoSource}` }).getByRole('button', { name: data.junjoWorkflowName, exact: true }).first().click();
  await expect(page).toHaveURL(`/${data.tempoSource}/trace/${data.junjoTraceId}`);
  await expect(alert).toHaveCount(0);
});

test('the header stays on one line at 1024 and 1400 px, the ID box shrinking first', async ({ page }) => {
  for (const width of [1024, 1400]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`/${data.tempoSource}/trace/${data.junjoTraceId}?view=waterfall`);
    await expect(page.getByRole('button', { name: 'Recent runs' })).toBeVisible();
    // Measure once the trace has loaded and the layout has settled.
    await expect(page.getByRole('treegrid', { name: 'Span waterfall' })).toBeVisible();
    // One line: every item starts above the point where the first-ending one ends.
    const rects = await page.locator('.app-header > :is(p, button, form)').evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect));
    expect(rects.length).toBeGreaterThanOrEqual(5);
    expect(Math.max(...rects.map((r) => r.top)), `header at ${width} px`).toBeLessThan(Math.min(...rects.map((r) => r.bottom)));
    const box = await idBox(page).boundingBox();
    expect(box?.width).toBeGreaterThan(300);
  }
});

test('an unknown ID gets a not-found message naming the sources', async ({ page }) => {
  await page.goto('/');
  await openById(page, 'abcdef0123456789', undefined);
  const alert = idBox(page).getByRole('alert');
  await expect(alert).toContainText(`Trace 0000000000000000abcdef0123456789 was not found in local, ${data.tempoSource}, ${data.jaegerSource}, ${data.studioSource} and ${data.junjoServerSource}.`);
  await expect(page).toHaveURL('/');

  await page.goto(`/${data.tempoSource}/trace/abcdef0123456789`);
  const failure = page.getByRole('main').getByRole('alert');
  await expect(failure).toContainText(`was not found in source "${data.tempoSource}"`);
  await expect(failure).toContainText('(asked Tempo API v2). Time range: none given, so Tempo searched its ingesters and all blocks');
});

test('input that is not a trace ID gets an inline message saying what is accepted', async ({ page }) => {
  await page.goto('/');
  await openById(page, 'not-a-trace-id!', undefined);
  const input = idBox(page).getByLabel('Trace ID');
  const alert = idBox(page).getByRole('alert');
  await expect(alert).toContainText('32 or 16 hex digits');
  // What is accepted is said once, not twice.
  expect((await alert.innerText()).match(/32 or 16 hex digits/g)).toHaveLength(1);
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await expect(input).toHaveAttribute('aria-describedby', (await alert.getAttribute('id'))!);
  await expect(page).toHaveURL('/');
});

test('a run opens from the recent-runs list', async ({ page }) => {
  await page.goto('/');
  const tempo = page.getByRole('table', { name: `Recent runs in ${data.tempoSource}` });
  await expect(tempo).toContainText(data.junjoWorkflowName);
  await expect(tempo).toContainText('joke-workflow-api');
  // Start times relative ("… ago"), with the exact time in ISO UTC on hover, as everywhere else in the viewer.
  const started = tempo.locator('tbody td:nth-child(4) time').first();
  await expect(started).toContainText(/ ago|yesterday/);
  await expect(started).toHaveAttribute('title', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  // Tempo's serviceStats count the run's spans and errors: the status and span count are read from them.
  await expect(tempo.locator('tbody tr').first().getByTitle('Finished without errors')).toBeVisible();
  await expect(tempo.locator('tbody tr').first().locator('td').nth(5)).toHaveText(/^\d+$/);
  await expect(page.getByRole('table', { name: `Recent runs in ${data.jaegerSource}` })).toContainText('service-x');
  await tempo.getByRole('button', { name: data.junjoWorkflowName, exact: true }).first().click();
  await expect(page).toHaveURL(`/${data.tempoSource}/trace/${data.junjoTraceId}`);
  await expect(page.locator('.trace-title')).toHaveText(data.junjoRootName);

  await page.getByRole('button', { name: 'Recent runs' }).click();
  const dialog = page.getByRole('dialog', { name: 'Recent workflow runs' });
  await expect(dialog.getByRole('table', { name: `Recent runs in ${data.tempoSource}` }).locator('tr[aria-current="true"]')).toContainText('(on screen)');
  await dialog.getByRole('table', { name: `Recent runs in ${data.jaegerSource}` }).getByRole('button').first().click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(new RegExp(`/${data.jaegerSource}/trace/[0-9a-f]{32}$`));
});

test('a copied link to a backend trace reproduces the screen in a new page', async ({ page, context }) => {
  await page.goto(`/${data.tempoSource}/trace/${data.junjoTraceId}?view=waterfall`);
  await waterfall(page).getByRole('row').nth(4).click();
  const selected = await waterfall(page).locator('[aria-selected=true] .wf-label').innerText();
  await expect(page).toHaveURL(/span=[0-9a-f]{16}/);
  await page.getByRole('button', { name: 'Copy link' }).click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toBe(page.url());

  const second = await context.newPage();
  await second.goto(link);
  await expect(second).toHaveURL(link);
  await expect(waterfall(second).locator('[aria-selected=true] .wf-label')).toHaveText(selected);
  await expect(second.getByRole('tab', { name: 'Waterfall' })).toHaveAttribute('aria-selected', 'true');
  await expect(second.locator('#span-details h2')).toHaveText(selected);
});

test('HTML in an attribute value is shown as text, and the token Tempo received is redacted', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto('/');
  await openById(page, data.xssTraceId.replace(/^0+/, ''), data.tempoSource);
  await waterfall(page).getByRole('row', { name: new RegExp(data.xssSpanName) }).click();
  const details = page.locator('#span-details');
  await expect(details.getByText(data.xssValue)).toBeVisible();
  await expect(details.locator('img')).toHaveCount(0);
  await expect(details.getByRole('row', { name: /http\.request\.header\.authorization/ })).toContainText('[redacted]');
  await expect(details).not.toContainText(data.tempoToken);
  expect(dialogs).toEqual([]);
});

test('a partial trace from Tempo shows the backend message in a banner', async ({ page }) => {
  await page.goto(`/${data.tempoSource}/trace/${data.partialTraceId}`);
  await expect(waterfall(page)).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Incomplete trace' })).toContainText('trace exceeds max size');
});

test('a 5xx from the backend is retried, a 401 is not', async ({ page }) => {
  const calls: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/traces/')) calls.push(request.url());
  });
  await page.goto(`/${data.tempoSource}/trace/${data.flakyTraceId}`);
  await expect(page.locator('.trace-title')).toHaveText('flaky but fine');
  expect(calls.filter((url) => url.endsWith(data.flakyTraceId))).toHaveLength(2);

  await page.goto(`/${data.tempoSource}/trace/${data.deniedTraceId}`);
  const failure = page.getByRole('main').getByRole('alert');
  await expect(failure).toContainText(`Source "${data.tempoSource}" refused access: unauthorized (HTTP 401)`);
  await expect(failure).toContainText('credentials');
  await page.waitForTimeout(1500);
  expect(calls.filter((url) => url.endsWith(data.deniedTraceId))).toHaveLength(1);

  await failure.getByRole('button', { name: 'Try again' }).click();
  await expect(failure).toContainText('refused access');
  await expect.poll(() => calls.filter((url) => url.endsWith(data.deniedTraceId)).length).toBe(2);
});
