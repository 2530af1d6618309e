import zlib from "node:zlib";

/** A decoded PNG: size and RGBA pixels (8-bit truecolour with alpha only, what resvg writes). */
export interface DecodedPng {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  rgba: Uint8Array;
}

export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Reads the IHDR of a PNG (after checking its signature and that IHDR comes first). */
export function pngHeader(png: Uint8Array): { width: number; height: number; bitDepth: number; colorType: number } {
  const buf = Buffer.from(png);
  if (!PNG_SIGNATURE.every((b, i) => buf[i] === b)) throw new Error("not a PNG signature");
  if (buf.toString("latin1", 12, 16) !== "IHDR") throw new Error("first chunk is not IHDR");
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20), bitDepth: buf[24]!, colorType: buf[25]! };
}

/** Decodes an 8-bit RGBA (colour type 6) or RGB (2) PNG: inflates the IDAT chunks and undoes the row filters. */
export function decodePng(png: Uint8Array): DecodedPng {
  const buf = Buffer.from(png);
  const header = pngHeader(png);
  if (header.bitDepth !== 8 || (header.colorType !== 6 && header.colorType !== 2)) throw new Error("only 8-bit RGB/RGBA PNGs");
  const idat: Buffer[] = [];
  for (let at = 8; at < buf.length; ) {
    const length = buf.readUInt32BE(at);
    const type = buf.toString("latin1", at + 4, at + 8);
    if (type === "IDAT") idat.push(buf.subarray(at + 8, at + 8 + length));
    if (type === "IEND") break;
    at += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const channels = header.colorType === 6 ? 4 : 3;
  const stride = header.width * channels;
  const out = new Uint8Array(header.width * header.height * 4);
  let previous = new Uint8Array(stride);
  for (let y = 0; y < header.height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const current = new Uint8Array(stride);
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? current[x - channels]! : 0;
      const b = previous[x]!;
      const c = x >= channels ? previous[x - channels]! : 0;
      let predictor = 0;
      if (filter === 1) predictor = a;
      else if (filter === 2) predictor = b;
      else if (filter === 3) predictor = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      current[x] = (line[x]! + predictor) & 0xff;
    }
    for (let x = 0; x < header.width; x++) {
      const o = (y * header.width + x) * 4;
      out[o] = current[x * channels]!;
      out[o + 1] = current[x * channels + 1]!;
      out[o + 2] = current[x * channels + 2]!;
      out[o + 3] = channels === 4 ? current[x * channels + 3]! : 255;
    }
    previous = current;
  }
  return { ...header, rgba: out };
}

/** Pixels in a rectangle darker than `threshold` (mean of R, G, B, on opaque pixels). */
export function darkPixels(image: DecodedPng, box: { x: number; y: number; w: number; h: number }, threshold = 128): number {
  let count = 0;
  for (let y = box.y; y < Math.min(image.height, box.y + box.h); y++) {
    for (let x = box.x; x < Math.min(image.width, box.x + box.w); x++) {
      const o = (y * image.width + x) * 4;
      if (image.rgba[o + 3]! > 128 && (image.rgba[o]! + image.rgba[o + 1]! + image.rgba[o + 2]!) / 3 < threshold) count++;
    }
  }
  return count;
}
