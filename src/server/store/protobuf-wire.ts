/**
 * The protobuf wire format over one Buffer, with a cursor: varints, fixed-size numbers and
 * length-delimited fields, read by protobufjs' Reader. Used where protobufjs' decoder would build objects the
 * caller does not need (the receivers' hot path reads a few fields of each span and keeps the
 * span's bytes; the store turns those bytes into OTLP/JSON text when a trace is read).
 * Every read checks its bounds and throws a WireError on a truncated or malformed message.
 */

import protobuf from 'protobufjs';

export class WireError extends Error {}

export const wireVarint = 0;
export const wireFixed64 = 1;
export const wireLen = 2;
export const wireFixed32 = 5;

/**
 * A cursor over one Buffer whose varints, 64-bit numbers and strings are read by protobufjs'
 * wire Reader; this class adds the bounds of the message being walked (`end`), 64-bit values as
 * exact bigints, and a WireError that says where the bytes are cut off or malformed.
 */
export class WireReader {
  private readonly reader: protobuf.Reader;
  constructor(
    readonly buf: Buffer,
    start = 0,
    readonly end = buf.length,
  ) {
    this.reader = protobuf.Reader.create(buf);
    this.reader.pos = start;
    this.reader.len = end;
  }

  get pos(): number {
    return this.reader.pos;
  }

  set pos(value: number) {
    this.reader.pos = value;
  }

  /**
   * A varint's low 32 bits, unsigned (lengths, tags, counts, enums). protobufjs' uint32 takes a
   * varint longer than 5 bytes to be 10 bytes long; one of 6–9 bytes is skipped again by its own end.
   */
  varint(): number {
    const start = this.reader.pos;
    try {
      const value = this.reader.uint32();
      if (this.reader.pos - start > 5) {
        this.reader.pos = start;
        this.reader.skip();
      }
      return value;
    } catch (error) {
      this.reader.pos = start;
      return this.malformed(error);
    }
  }

  /** A varint as a signed 64-bit integer (int64), exact. */
  int64(): bigint {
    try {
      return BigInt.asIntN(64, bigintOf(this.reader.int64()));
    } catch (error) {
      return this.malformed(error);
    }
  }

  fixed64(): bigint {
    if (this.pos + 8 > this.end) this.truncated();
    return bigintOf(this.reader.fixed64());
  }

  double(): number {
    if (this.pos + 8 > this.end) this.truncated();
    return this.reader.double();
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
      case wireFixed32: {
        const size = wireType === wireFixed64 ? 8 : 4;
        if (this.pos + size > this.end) this.truncated();
        this.pos += size;
        return;
      }
      case wireLen: {
        const n = this.length();
        this.pos += n;
        return;
      }
      default:
        throw new WireError(`invalid wire type ${wireType} at offset ${this.pos}`);
    }
  }

  /** protobufjs' Reader throws a RangeError past the end and an Error on a varint over 10 bytes. */
  private malformed(error: unknown): never {
    if (error instanceof RangeError) this.truncated();
    throw new WireError(`a varint is longer than 10 bytes (${error instanceof Error ? error.message : String(error)})`);
  }

  private truncated(): never {
    throw new WireError(`the message is cut off at offset ${this.pos}`);
  }
}

/** protobufjs gives 64-bit values as a Long (or a number when no Long library is loaded). */
function bigintOf(value: number | protobuf.Long): bigint {
  if (typeof value === 'number') return BigInt(value);
  return (BigInt(value.high >>> 0) << 32n) | BigInt(value.low >>> 0);
}

/** The bytes as a Buffer over the same memory (no copy). */
export const asBuffer = (bytes: Uint8Array): Buffer => (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
