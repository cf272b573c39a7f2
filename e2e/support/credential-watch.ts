import { expect, test, type Page, type Response } from '@playwright/test';

/** What a spec forbids in any response the browser receives. */
export interface ForbiddenInResponses {
  /** Texts that must appear in no response header or body (passwords, tokens). */
  readonly texts: readonly string[];
  /** Also refuse any `Set-Cookie` header: the browser must never hold an upstream session. */
  readonly setCookie?: boolean;
  /** Named in the failure message, e.g. "the Tempo token". */
  readonly what: string;
}

async function leakIn(response: Response, forbidden: ForbiddenInResponses): Promise<string | undefined> {
  // A response still arriving when the test ends has no headers to read any more: {} then.
  const headers: Record<string, string> = await response.allHeaders().catch(() => ({}));
  if (forbidden.setCookie === true && headers['set-cookie'] !== undefined) return `${response.url()} (Set-Cookie)`;
  // The local store's live event stream never ends while the page is open: only its headers are checked.
  const streaming = headers['content-type']?.startsWith('text/event-stream') ?? false;
  const body = streaming ? Buffer.alloc(0) : await response.body().catch(() => Buffer.alloc(0));
  const headerText = JSON.stringify(headers);
  return forbidden.texts.some((text) => headerText.includes(text) || body.includes(text)) ? response.url() : undefined;
}

/** Registers hooks that check every response of every test in the calling spec file. */
export function refuseInEveryResponse(forbidden: ForbiddenInResponses): void {
  let checks: Promise<string | undefined>[] = [];
  test.beforeEach(({ context }) => {
    checks = [];
    context.on('response', (response) => checks.push(leakIn(response, forbidden)));
  });
  test.afterEach(async () => {
    const leaks = (await Promise.all(checks)).filter(Boolean);
    expect(leaks, `responses that carried ${forbidden.what}`).toEqual([]);
  });
}

/** The header's "Open a trace by ID" box. */
export const idBox = (page: Page) => page.getByRole('search', { name: 'Open a trace by ID' });

/** Types an ID into the header box, picks a source (or "All sources") and opens it. */
export async function openById(page: Page, text: string, source: string | undefined): Promise<void> {
  const box = idBox(page);
  await box.getByLabel('Trace ID').fill(text);
  await box.getByLabel('Source').selectOption(source ?? { label: 'All sources' });
  await box.getByRole('button', { name: 'Open trace' }).click();
}
