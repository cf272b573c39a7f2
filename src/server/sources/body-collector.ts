/**
 * Collects an upstream answer's body as the chunks it arrived in, without joining them: copying a
 * 56 MB trace into one freshly allocated buffer cost the event loop seconds (new memory is slow
 * to touch on first write), and every reader of a large body reads it by parts anyway
 * (json-top-level.ts scans parts; the answer is written to the browser part by part). A reader
 * that needs one buffer (a small error body, a list of services) asks for it (`joined`), and the
 * join is kept so it is made once.
 *
 * A chunk is an ordinary buffer of its own (Node gives each socket read its own memory), so a
 * body held by no one else can be moved to a body thread and back (off-thread.ts `lend`).
 */
export class ReceivedBody {
  private joinedBody: Buffer | undefined;

  constructor(
    /** The body's chunks in order. */
    readonly parts: readonly Buffer[],
    readonly bytes: number,
  ) {}

  /** The whole body in one buffer (made on first use, for small bodies). */
  joined(): Buffer {
    if (this.joinedBody === undefined) this.joinedBody = this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts, this.bytes);
    return this.joinedBody;
  }

  /** At most the first `n` bytes (no join of the rest). */
  head(n: number): Buffer {
    const first = this.parts[0];
    if (first !== undefined && first.byteLength >= n) return first.subarray(0, n);
    return this.joined().subarray(0, n);
  }
}

export class BodyCollector {
  private readonly chunks: Buffer[] = [];
  private size = 0;

  /** Bytes received so far. */
  get bytes(): number {
    return this.size;
  }

  add(chunk: Buffer): void {
    if (chunk.byteLength === 0) return;
    this.chunks.push(chunk);
    this.size += chunk.byteLength;
  }

  /** The whole body, as received. */
  finish(): ReceivedBody {
    return new ReceivedBody(this.chunks.splice(0), this.size);
  }
}
