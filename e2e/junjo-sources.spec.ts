import { expect, test } from '@playwright/test';
import { idBox, openById, refuseInEveryResponse } from './support/credential-watch.ts';
import * as data from './support/backend-data.ts';
import { waterfall } from './support/fixtures.ts';

refuseInEveryResponse({ texts: [data.studioPassword, 'session='], setCookie: true, what: 'the Studio password or a session' });

test('both Junjo sources are configured: listed in the ID box, with their recent runs and status', async ({ page }) => {
  await page.goto('/');
  const options = idBox(page).getByLabel('Source').locator('option');
  await expect(options).toContainText([`${data.studioSource} (Junjo AI Studio)`, `${data.junjoServerSource} (Junjo Server)`]);
  const studio = page.getByRole('table', { name: `Recent runs in ${data.studioSource}` });
  await expect(studio.locator('tbody tr')).toHaveCount(2);
  await expect(studio).toContainText(data.studioWorkflowName);
  await expect(studio).toContainText(data.studioService);
  await expect(studio.getByRole('columnheader', { name: 'Status' })).toBeVisible();
  const server = page.getByRole('table', { name: `Recent runs in ${data.junjoServerSource}` });
  await expect(server).toContainText(data.junjoServerWorkflowName);
  await expect(server).toContainText('joke-workflow-api');
});

test('a Studio run opens from the recent-runs list, links to Studio, and the State view says Studio agrees', async ({ page }) => {
  await page.goto('/');
  const studio = page.getByRole('table', { name: `Recent runs in ${data.studioSource}` });
  await studio.getByRole('button', { name: data.studioWorkflowName }).first().click();
  await expect(page).toHaveURL(new RegExp(`/${data.studioSource}/trace/(${data.studioTraceId}|${data.studioDisagreeTraceId})$`));
  await page.goto(`/${data.studioSource}/trace/${data.studioTraceId}?view=waterfall`);
  await expect(waterfall(page)).toContainText('transform_output');
  const link = page.getByRole('link', { name: 'Open in Junjo AI Studio' });
  await expect(link).toHaveAttribute('href', `${data.studioUiUrl}/workflows/${data.studioService}/${data.studioTraceId}/1111111111111111`);
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');

  await page.getByRole('tab', { name: 'State' }).click();
  const check = page.getByRole('status', { name: 'Comparison with Junjo AI Studio' });
  await expect(check).toContainText('Junjo AI Studio agrees');
  await expect(check).toContainText('the start state and all 2 transitions match');
});

test('Studio evidence that disagrees with our replay is shown plainly: which store, which transition, a way there', async ({ page }) => {
  await page.goto(`/${data.studioSource}/trace/${data.studioDisagreeTraceId}?view=state`);
  const check = page.getByRole('alert', { name: 'Comparison with Junjo AI Studio' });
  await expect(check).toContainText('Junjo AI Studio disagrees');
  await expect(check).toContainText('After transition 2 (set_output), the state differs from Junjo AI Studio\'s at /output: Studio has "HELLO!", the viewer "HELLO".');
  await expect(page.locator('.st-title')).toContainText('store-basic-01');
  await check.getByRole('button', { name: 'Go to transition 2' }).click();
  await expect(page).toHaveURL(/tx=2(&|$)/); // the URL numbers transitions as on screen
});

test('a pasted Studio link opens the same run here; its link copies and reloads to the same screen', async ({ page, context }) => {
  await page.goto('/');
  await openById(page, `${data.studioUiUrl}/workflows/${data.studioService}/${data.studioTraceId}/1111111111111111`, undefined);
  await expect(page).toHaveURL(`/${data.studioSource}/trace/${data.studioTraceId}`);
  await expect(page.getByRole('tab', { name: 'Workflow graph' })).toHaveAttribute('aria-selected', 'true'); // a Junjo run opens on its graph
  await page.getByRole('tab', { name: 'Waterfall' }).click();
  await waterfall(page).getByRole('row').nth(2).click();
  const selected = await waterfall(page).locator('[aria-selected=true] .wf-label').innerText();
  await page.getByRole('button', { name: 'Copy link' }).click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(page.url());

  const second = await context.newPage();
  await second.goto(copied);
  await expect(waterfall(second).locator('[aria-selected=true] .wf-label')).toHaveText(selected);
  await second.reload();
  await expect(waterfall(second).locator('[aria-selected=true] .wf-label')).toHaveText(selected);
});

test('a Junjo Server trace opens by its ID, with its legacy columns read back, and survives a reload', async ({ page }) => {
  await page.goto('/');
  await openById(page, data.junjoServerTraceId, data.junjoServerSource);
  await expect(page).toHaveURL(`/${data.junjoServerSource}/trace/${data.junjoServerTraceId}`);
  await page.getByRole('tab', { name: 'Waterfall' }).click();
  await expect(waterfall(page)).toContainText(data.junjoServerWorkflowName);
  await page.getByRole('tab', { name: 'Graph' }).click();
  await expect(page.getByRole('tab', { name: 'Graph' })).toHaveAttribute('aria-selected', 'true');
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Graph' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('main').getByRole('alert')).toHaveCount(0);
});

test('an ID that is in neither Junjo backend: not found, saying it may still be ingesting', async ({ page }) => {
  await page.goto(`/${data.studioSource}/trace/abcdef0123456789abcdef0123456789`);
  const failure = page.getByRole('main').getByRole('alert');
  await expect(failure).toContainText(`is not in source "${data.studioSource}" (Junjo AI Studio)`);
  await expect(failure).toContainText('may still be ingesting');
});
