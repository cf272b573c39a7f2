/**
 * The protobuf wire format, read by hand: varints, fixed-size numbers and length-delimited
 * fields over one Buffer, with a cursor. Used where protobufjs' decoder would build objects the
 * caller does not need (the receivers' hot path reads a few fields of each span and keeps the
 * span's bytes; the store turns those bytes into OTLP/JSON text when a trace is read).
 * Every read checks its bounds and throws a WireError on a truncated or malformed message.
 */

export class WireError extends Error {}

export const wireVarint = 0;
export const wireFixed64 = 1;
export const wireLen = 2;
export const wireFixed32 = 5;

export class WireReader {
  pos: number;
  constructor(
    readonly buf: Buffer,
    start = 0,
    public end = buf.length,
  ) {
    this.pos = start;
  }

  /** An unsigned varint, exact up to 2^53 (lengths, tags, counts, enums). */
  varint(): number {
    const buf = this.buf;
    let byte = this.pos < this.end ? buf[this.pos++]! : this.truncated();
    if (byte < 0x80) return byte;
    let value = byte & 0x7f;
    let scale = 0x80;
    for (let i = 1; i < 10; i++) {
      byte = this.pos < this.end ? buf[this.pos++]! : this.truncated();
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
    }
    throw new WireError('a varint is longer than 10 bytes');
  }

  /** A varint as a signed 64-bit integer (int64), exact. */
  int64(): bigint {
    const buf = this.buf;
    let value = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      const byte = this.pos < this.end ? buf[this.pos++]! : this.truncated();
      value |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return BigInt.asIntN(64, value);
      shift += 7n;
    }
    throw new WireError('a varint is longer than 10 bytes');
  }

  fixed64(): bigint {
    if (this.pos + 8 > this.end) this.truncated();
    const value = this.buf.readBigUInt64LE(this.pos);
    this.pos += 8;
    return value;
  }

  double(): number {
    if (this.pos + 8 > this.end) this.truncated();
    const value = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return value;
  }

  /** The length of a length-delimited field; the cursor is then at its first byte. */
  length(): number {
    const n = this.varint();
    if (this.pos + n > this.end) this.truncated();
    return n;
  }

  string(): string {
    const n = this.length();
    const text = this.buf.toString('utf8', this.pos, this.pos + n);
    this.pos += n;
    return text;
  }

  /** Skips a field of the given wire type (groups are not part of OTLP and are refused). */
  skip(wireType: number): void {
    switch (wireType) {
      case wireVarint:
        this.varint();
        return;
      case wireFixed64:
        if (this.pos + 8 > this.end) this.truncated();
        this.pos += 8;
        return;
      case wireLen: {
        const n = this.length();
        this.pos += n;
        return;
      }
      case wireFixed32:
        if (this.pos + 4 > this.end) this.truncated();
        this.pos += 4;
        return;
      default:
        throw new WireError(`invalid wire type ${wireType} at offset ${this.pos}`);
    }
  }

  private truncated(): never {
    throw new WireError(`the message is cut off at offset ${this.pos}`);
  }
}

/** The bytes as a Buffer over the same memory (no copy). */
export const asBuffer = (bytes: Uint8Array): Buffer => (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
