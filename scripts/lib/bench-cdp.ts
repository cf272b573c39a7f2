/**
 * Chrome DevTools Protocol helpers for the benchmark: forced GC and heap sizes of the page and of
 * its dedicated workers. Workers are reached through the page's session with non-flattened
 * auto-attach (Target.sendMessageToTarget), since Playwright's CDPSession has no per-target
 * session of its own for them.
 */
import type { CDPSession, Page } from '@playwright/test';

interface HeapUsage {
  readonly usedSize: number;
  readonly totalSize: number;
}

export interface HeapFigures {
  /** performance.memory.usedJSHeapSize after a forced GC (needs --enable-precise-memory-info). */
  readonly pageUsedBytes: number;
  /** The sum over the page's dedicated workers (Runtime.getHeapUsage after a forced GC), if reachable. */
  readonly workerUsedBytes: number | undefined;
  readonly workerCount: number;
}

export class PageHeap {
  private readonly workers = new Map<string, string>(); // sessionId → target type
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 1;

  private constructor(
    private readonly page: Page,
    private readonly session: CDPSession,
  ) {}

  static async attach(page: Page): Promise<PageHeap> {
    const session = await page.context().newCDPSession(page);
    const heap = new PageHeap(page, session);
    session.on('Target.attachedToTarget', (event) => {
      if (event.targetInfo.type === 'worker') heap.workers.set(event.sessionId, event.targetInfo.type);
    });
    session.on('Target.detachedFromTarget', (event) => {
      if (event.sessionId) heap.workers.delete(event.sessionId);
    });
    session.on('Target.receivedMessageFromTarget', (event) => {
      const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
      const waiter = message.id === undefined ? undefined : heap.pending.get(message.id);
      if (!waiter || message.id === undefined) return;
      heap.pending.delete(message.id);
      if (message.error) waiter.reject(new Error(message.error.message));
      else waiter.resolve(message.result);
    });
    await session.send('HeapProfiler.enable');
    try {
      await session.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    } catch {
      // Worker heaps are optional; the page heap still works.
    }
    return heap;
  }

  private sendToWorker<T>(sessionId: string, method: string, params: object = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method} in the worker got no answer`));
      }, 10_000);
      this.pending.set(id, {
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.session.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) }).catch(reject);
    });
  }

  async measure(): Promise<HeapFigures> {
    let workerUsedBytes: number | undefined;
    const sessions = [...this.workers.keys()];
    for (const sessionId of sessions) {
      try {
        await this.sendToWorker(sessionId, 'HeapProfiler.collectGarbage');
        const usage = await this.sendToWorker<HeapUsage>(sessionId, 'Runtime.getHeapUsage');
        workerUsedBytes = (workerUsedBytes ?? 0) + usage.usedSize;
      } catch {
        // A worker that went away or does not answer is left out.
      }
    }
    // Twice: the first collection can leave objects that only become garbage after finalizers.
    await this.session.send('HeapProfiler.collectGarbage');
    await this.session.send('HeapProfiler.collectGarbage');
    const pageUsedBytes = await this.page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? Number.NaN);
    return { pageUsedBytes, workerUsedBytes, workerCount: sessions.length };
  }

  async detach(): Promise<void> {
    await this.session.detach().catch(() => undefined);
  }
}
