/**
 * A little-endian byte builder for the binary formats (SPSS .sav, Stata .dta): numbers and
 * fixed-width texts appended to ~1 MB pieces, joined once at the end.
 */
export class ByteWriter {
  private readonly pieces: Buffer[] = [];
  private piece = Buffer.alloc(1 << 20);
  private at = 0;
  /** bytes written before the current piece */
  private before = 0;

  get length(): number {
    return this.before + this.at;
  }

  private room(n: number): void {
    if (this.at + n <= this.piece.length) return;
    this.pieces.push(this.piece.subarray(0, this.at));
    this.before += this.at;
    this.piece = Buffer.alloc(Math.max(1 << 20, n));
    this.at = 0;
  }

  u8(value: number): this {
    this.room(1);
    this.piece.writeUInt8(value, this.at);
    this.at += 1;
    return this;
  }

  u16(value: number): this {
    this.room(2);
    this.piece.writeUInt16LE(value, this.at);
    this.at += 2;
    return this;
  }

  i32(value: number): this {
    this.room(4);
    this.piece.writeInt32LE(value, this.at);
    this.at += 4;
    return this;
  }

  u32(value: number): this {
    this.room(4);
    this.piece.writeUInt32LE(value, this.at);
    this.at += 4;
    return this;
  }

  u64(value: number): this {
    this.room(8);
    this.piece.writeBigUInt64LE(BigInt(value), this.at);
    this.at += 8;
    return this;
  }

  f64(value: number): this {
    this.room(8);
    this.piece.writeDoubleLE(value, this.at);
    this.at += 8;
    return this;
  }

  bytes(data: Uint8Array): this {
    this.room(data.length);
    this.piece.set(data, this.at);
    this.at += data.length;
    return this;
  }

  /** ASCII or UTF-8 text without terminator. */
  text(text: string): this {
    return this.bytes(Buffer.from(text, "utf8"));
  }

  /** `data` in exactly `width` bytes: cut, or padded with `pad` (a byte value). */
  fixed(data: Uint8Array, width: number, pad = 0): this {
    this.room(width);
    const n = Math.min(width, data.length);
    this.piece.set(data.subarray(0, n), this.at);
    this.piece.fill(pad, this.at + n, this.at + width);
    this.at += width;
    return this;
  }

  /** Overwrites a 64-bit unsigned integer already written at `offset` (the .dta map). */
  patchU64(offset: number, value: number): void {
    let start = 0;
    for (const piece of [...this.pieces, this.piece.subarray(0, this.at)]) {
      if (offset < start + piece.length) {
        piece.writeBigUInt64LE(BigInt(value), offset - start);
        return;
      }
      start += piece.length;
    }
    throw new RangeError(`offset ${offset} is past the end`);
  }

  finish(): Uint8Array {
    return Buffer.concat([...this.pieces, this.piece.subarray(0, this.at)]);
  }
}
