import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';

/** The repository's fixtures folder (real data from Jaeger, Tempo and Junjo; see fixtures/README.md). */
export const fixturesDir = resolve(import.meta.dirname, '../../fixtures');

const fixturePath = (relative: string): string => resolve(fixturesDir, relative);
export const fixtureText = (relative: string): string => readFileSync(fixturePath(relative), 'utf8');

/** Opens a file through the real <input type=file> behind the "Open file" button. */
export async function openFile(page: Page, name: string, content: string | Buffer): Promise<void> {
  await page.locator('[data-testid=file-input]').first().setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: typeof content === 'string' ? Buffer.from(content) : content,
  });
}

/** Drops a file on the page the way a browser does: dragenter, dragover, drop with a DataTransfer. */
export async function dropFile(page: Page, name: string, content: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ name, content }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([content], name, { type: 'application/json' }));
      return transfer;
    },
    { name, content },
  );
  for (const type of ['dragenter', 'dragover', 'drop']) await page.dispatchEvent('main', type, { dataTransfer });
}

export const waterfall = (page: Page) => page.getByRole('treegrid', { name: 'Span waterfall' });
