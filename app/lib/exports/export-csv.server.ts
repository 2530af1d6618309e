import { neutralise, type Cell } from "./export-cells.server";

/** UTF-8 byte order mark: spreadsheets then read the file as UTF-8 (Chinese labels survive). */
export const BOM = "\uFEFF";

/** One CSV field: RFC 4180 quoting; numbers locale-independent (dot decimal); text neutralised. */
export function csvField(cell: Cell): string {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  const text = neutralise(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: readonly Cell[]): string => `${cells.map(csvField).join(",")}\r\n`;

/** A whole CSV document: BOM, header, rows, CRLF line ends. */
export function csvText(header: readonly string[], rows: Iterable<readonly Cell[]>): string {
  const parts = [BOM, csvLine(header)];
  for (const row of rows) parts.push(csvLine(row));
  return parts.join("");
}

/**
 * The CSV document as a stream of UTF-8 chunks of about `chunkChars` characters each (large raw
 * exports are sent as they are built, not held whole as one string).
 */
export function csvStream(header: readonly string[], rows: Iterable<readonly Cell[]>, chunkChars = 1 << 16): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = rows[Symbol.iterator]();
  let started = false;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      let chunk = started ? "" : BOM + csvLine(header);
      started = true;
      while (chunk.length < chunkChars) {
        const next = iterator.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += csvLine(next.value);
      }
      controller.enqueue(encoder.encode(chunk));
    },
  });
}
