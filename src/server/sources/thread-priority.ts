/**
 * Lowers the scheduling priority of the calling thread (Linux), so a body thread parsing a large
 * upstream answer, or the upstream request thread reading one, yields the CPU to the event loop:
 * on a 2-core machine the receivers and every other request would otherwise wait behind it. On Linux `setpriority(PRIO_PROCESS, tid)` applies
 * to one thread, and `/proc/thread-self` names the calling thread's id. Elsewhere nothing changes.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** The niceness body threads run at (0 is normal, 19 the lowest). */
export const bodyThreadNice = 10;

/** The thread id whose priority was lowered, or undefined where that is not possible. */
export function lowerThisThreadPriority(nice = bodyThreadNice): number | undefined {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid) || tid <= 0) return undefined;
    setPriority(tid, nice);
    return tid;
  } catch {
    return undefined;
  }
}
