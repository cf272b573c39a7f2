/**
 * Collects an upstream answer's body into one buffer, holding as little beside it as it can:
 *
 * - when the length is known ahead (Content-Length on an answer that is not compressed), the
 *   buffer is allocated once at that length and each chunk is copied in as it arrives, so the
 *   chunks are garbage at once instead of all being held until they are joined (which held a
 *   56 MB trace twice);
 * - the buffer lives in shared memory (a SharedArrayBuffer): the worker threads that read large
 *   bodies (off-thread.ts) see it without the copy a transfer to a thread otherwise makes (the
 *   message copy and the thread's own copy, two more 56 MB for a 56 MB trace).
 *
 * Nothing else changes for the readers: the result is an ordinary Buffer (toString, subarray,
 * writes to a socket), and answers built from it keep sharing it (response-budget.ts).
 */
export class BodyCollector {
  private target: Buffer | undefined;
  private readonly chunks: Buffer[] = [];
  private size = 0;

  /** `expectedBytes`: the declared length, when it is known and within the limit. */
  constructor(expectedBytes?: number) {
    if (expectedBytes !== undefined && Number.isSafeInteger(expectedBytes) && expectedBytes > 0) this.target = sharedBuffer(expectedBytes);
  }

  /** Bytes received so far. */
  get bytes(): number {
    return this.size;
  }

  add(chunk: Buffer): void {
    const target = this.target;
    if (target !== undefined && this.size + chunk.byteLength <= target.byteLength) chunk.copy(target, this.size);
    else {
      // More than was declared (the parser should not let that happen): keep chunks from here on.
      if (target !== undefined) {
        this.chunks.push(target.subarray(0, this.size));
        this.target = undefined;
      }
      this.chunks.push(chunk);
    }
    this.size += chunk.byteLength;
  }

  /** The whole body, in shared memory. */
  finish(): Buffer {
    if (this.target !== undefined) return this.target.subarray(0, this.size);
    const body = sharedBuffer(this.size);
    let at = 0;
    for (const chunk of this.chunks.splice(0)) at += chunk.copy(body, at);
    return body;
  }
}

function sharedBuffer(bytes: number): Buffer {
  return Buffer.from(new SharedArrayBuffer(bytes));
}
