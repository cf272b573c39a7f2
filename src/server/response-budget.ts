/**
 * What the server holds for answers still being sent, bounded in total. Each answer's body parts
 * are counted by the memory they keep alive (the whole underlying buffer, once however many
 * answers share it: identical upstream requests share one body, upstream-fetch.ts), from when the
 * answer starts until its socket finishes or closes. An answer that would take the total past the
 * limit is not started; the route answers 503 with Retry-After instead. One answer larger than the
 * whole limit (a source allowed larger answers, a huge trace in the local store) is still sent
 * when nothing else is held, so it is never refused for good; the total then is that one answer.
 *
 * Bodies are written in slices with backpressure (and at most `turnBytes` per turn of the event
 * loop, so a large answer never holds it for long), never copied per socket; a client that stops
 * reading is dropped by slow-client-guard.ts, which releases its share here.
 */
import type http from 'node:http';

/** Small enough that a reading client shows progress often (slow-client-guard.ts measures it per write). */
const sliceBytes = 64 * 1024;
/** Bytes of one answer written in one turn of the event loop before it yields to other work. */
export const turnBytes = 256 * 1024;

export class ResponseBudget {
  private readonly held = new Map<ArrayBufferLike, { bytes: number; users: number }>();
  private total = 0;

  constructor(readonly maxHeldBytes: number) {}

  /** Bytes currently held for answers being sent. */
  get heldBytes(): number {
    return this.total;
  }

  /** Whether the limit is reached: any answer that needs more memory would be refused. */
  get full(): boolean {
    return this.total >= this.maxHeldBytes;
  }

  /** Reserves the buffers behind `parts`; returns the release function, or undefined when over the limit. */
  reserve(parts: readonly Uint8Array[]): (() => void) | undefined {
    const buffers = [...new Set(parts.map((part) => part.buffer))];
    const extra = buffers.reduce((sum, buffer) => sum + (this.held.has(buffer) ? 0 : buffer.byteLength), 0);
    if (extra > 0 && this.total > 0 && this.total + extra > this.maxHeldBytes) return undefined;
    for (const buffer of buffers) {
      const entry = this.held.get(buffer);
      if (entry) entry.users++;
      else {
        this.held.set(buffer, { bytes: buffer.byteLength, users: 1 });
        this.total += buffer.byteLength;
      }
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const buffer of buffers) {
        const entry = this.held.get(buffer);
        if (!entry) continue;
        if (--entry.users === 0) {
          this.held.delete(buffer);
          this.total -= entry.bytes;
        }
      }
    };
  }

  /**
   * Sends an answer whose body is `parts` in order, in slices with backpressure. Returns false,
   * having sent nothing, when the answer does not fit in the budget.
   */
  send(res: http.ServerResponse, status: number, headers: http.OutgoingHttpHeaders, parts: readonly Uint8Array[]): boolean {
    const release = this.reserve(parts);
    if (release === undefined) return false;
    res.once('close', release);
    res.once('finish', release);
    const length = parts.reduce((sum, part) => sum + part.byteLength, 0);
    res.writeHead(status, { ...headers, 'Content-Length': length });
    let part = 0;
    let offset = 0;
    // Bytes written in the current turn of the event loop. A turn is not one call of `pump`: a
    // socket that takes the bytes at once emits 'drain' from process.nextTick, so a pump started by
    // 'drain' runs in the same turn as the one before it, and without this count a client that
    // reads fast got up to 13 MB of a 56 MB answer in one turn (10-20 ms of writing, other work waiting).
    let turnWritten = 0;
    let turnOpen = false;
    const pump = (): void => {
      while (part < parts.length) {
        if (res.destroyed) return release();
        if (!turnOpen) {
          turnOpen = true;
          turnWritten = 0;
          // Runs before the `setImmediate(pump)` below (queued later), so that pump starts a new turn.
          setImmediate(() => (turnOpen = false));
        }
        // Each turn of the event loop writes at most `turnBytes`, then lets other work run: writing a
        // large answer to a socket that keeps taking it costs the loop milliseconds per megabyte.
        if (turnWritten >= turnBytes) {
          setImmediate(pump);
          return;
        }
        const current = parts[part] as Uint8Array;
        const end = Math.min(offset + sliceBytes, current.byteLength);
        const more = end > offset ? res.write(current.subarray(offset, end)) : true;
        turnWritten += end - offset;
        offset = end;
        if (offset >= current.byteLength) {
          part++;
          offset = 0;
        }
        if (!more) {
          res.once('drain', pump);
          return;
        }
      }
      res.end();
    };
    pump();
    return true;
  }
}
