/**
 * Resident memory of Chromium's renderer processes (the page and its workers live there), read from
 * /proc/<pid>/status: VmRSS now and VmHWM, the peak since the process started. Renderer pids come
 * from the browser's CDP `SystemInfo.getProcessInfo`. Linux only; undefined elsewhere or on failure.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from '@playwright/test';

export interface RendererMemory {
  readonly rssBytes: number;
  readonly peakBytes: number;
}

function statusKb(pid: number, field: string): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) : Number.NaN;
}

/** Sums over the live renderer processes (the benchmark keeps one page open at a time). */
export async function rendererMemory(browser: Browser): Promise<RendererMemory | undefined> {
  try {
    const session = await browser.newBrowserCDPSession();
    try {
      const info = (await session.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
      let rss = 0;
      let peak = 0;
      for (const process of info.processInfo) {
        if (process.type !== 'renderer') continue;
        rss += statusKb(process.id, 'VmRSS') * 1024;
        peak += statusKb(process.id, 'VmHWM') * 1024;
      }
      return rss > 0 ? { rssBytes: rss, peakBytes: peak } : undefined;
    } finally {
      await session.detach().catch(() => undefined);
    }
  } catch {
    return undefined;
  }
}
