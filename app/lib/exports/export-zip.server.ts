import zlib from "node:zlib";

interface Entry {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

/** Incremental input of one deflated entry: push text as it is built, then `end()`. */
export interface ZipEntryWriter {
  push(text: string): void;
  end(): void;
}

const CHUNK = 1 << 22;

/**
 * A minimal ZIP writer (what an XLSX file is): deflated entries, compressed with Node's native
 * zlib as their text is produced. Each ~4 MB piece is deflated on its own and ended with a sync
 * flush (a non-final block), the last one with a final block: concatenated, they are one valid
 * deflate stream, so a large sheet never has to exist as one string. No ZIP64: entries and the
 * archive stay under 4 GiB (far above what the exports produce).
 */
export class ZipWriter {
  private readonly parts: Buffer[] = [];
  private readonly entries: Entry[] = [];
  private offset = 0;

  private write(data: Buffer) {
    this.parts.push(data);
    this.offset += data.length;
  }

  /** Adds a whole text file. */
  addText(name: string, text: string): void {
    const entry = this.entry(name);
    entry.push(text);
    entry.end();
  }

  /** Starts a deflated entry written piece by piece; entries are written one after another. */
  entry(name: string): ZipEntryWriter {
    const nameBytes = Buffer.from(name, "utf8");
    const offset = this.offset;
    const header = Buffer.alloc(30);
    // Local file header; sizes and CRC follow the data in a data descriptor (flag bit 3).
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(0x0808, 6); // bit 3: data descriptor; bit 11: UTF-8 names
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt32LE(0, 10); // time/date: 1980-01-01 00:00
    header.writeUInt16LE(nameBytes.length, 26);
    this.write(header);
    this.write(nameBytes);
    let pending: string[] = [];
    let pendingLength = 0;
    let crc = 0;
    let size = 0;
    let compressed = 0;
    const flush = (final: boolean) => {
      const data = Buffer.from(pending.join(""), "utf8");
      pending = [];
      pendingLength = 0;
      crc = zlib.crc32(data, crc);
      size += data.length;
      const deflated = zlib.deflateRawSync(data, { level: 6, finishFlush: final ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH });
      compressed += deflated.length;
      this.write(deflated);
    };
    return {
      push: (text: string) => {
        pending.push(text);
        pendingLength += text.length;
        if (pendingLength >= CHUNK) flush(false);
      },
      end: () => {
        flush(true);
        const descriptor = Buffer.alloc(16);
        descriptor.writeUInt32LE(0x08074b50, 0);
        descriptor.writeUInt32LE(crc >>> 0, 4);
        descriptor.writeUInt32LE(compressed, 8);
        descriptor.writeUInt32LE(size, 12);
        this.write(descriptor);
        this.entries.push({ name: nameBytes, crc: crc >>> 0, compressed, size, offset });
      },
    };
  }

  /** The archive: entries, central directory, end record. */
  finish(): Buffer {
    const start = this.offset;
    for (const e of this.entries) {
      const header = Buffer.alloc(46);
      header.writeUInt32LE(0x02014b50, 0);
      header.writeUInt16LE(20, 4);
      header.writeUInt16LE(20, 6);
      header.writeUInt16LE(0x0808, 8);
      header.writeUInt16LE(8, 10);
      header.writeUInt32LE(0, 12);
      header.writeUInt32LE(e.crc, 16);
      header.writeUInt32LE(e.compressed, 20);
      header.writeUInt32LE(e.size, 24);
      header.writeUInt16LE(e.name.length, 28);
      header.writeUInt32LE(e.offset, 42);
      this.write(header);
      this.write(e.name);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    this.write(end);
    return Buffer.concat(this.parts);
  }
}
