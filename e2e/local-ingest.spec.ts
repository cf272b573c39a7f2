import { spawnSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { readReceiverPorts } from './support/receiver-ports.ts';

const graphNode = (page: Page, label: string) => page.locator(`.react-flow__node[aria-label^="${label},"]`).first();

test('a run sent by a real OTLP exporter opens at /local/trace/<id> with its graph', async ({ page }) => {
  test.setTimeout(180_000);
  const { grpcPort } = readReceiverPorts(process.env.E2E_PORT ?? 4179);
  // The real OpenTelemetry gRPC exporter, in a process of its own.
  const sent = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/send-otlp.ts', '--protocol', 'grpc', '--url', `http://127.0.0.1:${grpcPort}`, '--runs', '1', '--trace-prefix', 'e2e0cafe'], { encoding: 'utf8', timeout: 120_000 });
  const first = JSON.parse(sent.stdout.split('\n')[0] ?? '{}') as { ok?: boolean; traceIds?: string[] };
  expect(first.ok, sent.stdout + sent.stderr).toBe(true);
  const traceId = first.traceIds![0]!;
  await page.goto(`/local/trace/${traceId}?view=graph`);
  await expect(graphNode(page, 'CountItemsNode')).toBeVisible({ timeout: 90_000 }); // the layout is slow on a loaded machine
  await expect(graphNode(page, 'SampleSubflow')).toBeVisible();
  await page.getByRole('tab', { name: 'Waterfall' }).click().catch(() => undefined);
  await expect(page.getByText('demo_base_workflow').first()).toBeVisible();
});
