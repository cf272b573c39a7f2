/**
 * Reused buffers for export bodies. Writing into freshly allocated memory costs a page fault per
 * 4 KiB (on some machines more than decoding the spans in it), so bodies are read into buffers
 * kept from earlier exports instead of a new one each time. The buffers are SharedArrayBuffers:
 * the decode thread (decode-pool.ts) reads a body where it is, without a copy or a transfer.
 *
 * Whoever takes a buffer gives it back once nothing reads it any more (for an export: once its
 * spans are committed, since the store spans are views of it until their plan is built).
 */

/** Free buffers kept at most, in bytes; a buffer larger than `maxKeptBuffer` is never kept. */
const maxKeptBytes = 64 * 1024 * 1024;
const maxKeptBuffer = 16 * 1024 * 1024;
/** Buffers are allocated in steps of this (a body a little larger than the last fits the same buffer). */
const step = 256 * 1024;

export class BodyBuffers {
  private free: SharedArrayBuffer[] = [];
  private freeBytes = 0;

  /** A buffer of `size` bytes (its contents are whatever was there before). */
  take(size: number): Buffer {
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const candidate = this.free[i]!.byteLength;
      if (candidate >= size && (best < 0 || candidate < this.free[best]!.byteLength)) best = i;
    }
    if (best >= 0) {
      const [shared] = this.free.splice(best, 1);
      this.freeBytes -= shared!.byteLength;
      return Buffer.from(shared!, 0, size);
    }
    return Buffer.from(new SharedArrayBuffer(Math.max(step, Math.ceil(size / step) * step)), 0, size);
  }

  /** Gives back a buffer `take` gave (any view of it). */
  give(buffer: Buffer): void {
    const shared = buffer.buffer;
    if (!(shared instanceof SharedArrayBuffer) || shared.byteLength > maxKeptBuffer || this.free.includes(shared)) return;
    this.free.push(shared);
    this.freeBytes += shared.byteLength;
    // Over the limit: the smallest buffers go first (the large ones are the costly ones to make).
    if (this.freeBytes > maxKeptBytes) {
      this.free.sort((a, b) => b.byteLength - a.byteLength);
      while (this.freeBytes > maxKeptBytes) this.freeBytes -= this.free.pop()!.byteLength;
    }
  }

  /** `bytes` in a buffer of this pool: itself when it already is in a SharedArrayBuffer, else a copy. */
  shared(bytes: Uint8Array): { readonly buffer: Buffer; readonly taken: boolean } {
    if (bytes.buffer instanceof SharedArrayBuffer) return { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), taken: false };
    const buffer = this.take(bytes.byteLength);
    buffer.set(bytes);
    return { buffer, taken: true };
  }
}

/** The process' body buffers (the receivers and the decode pool share them). */
export const bodyBuffers = new BodyBuffers();
