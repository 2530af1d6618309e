import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import { createColumnFormatDetector, type ColumnFormats } from "../../../surveys/transactions/index";
import { readJsonLines } from "./json-lines.server";
import { fileKindOf, transactionFileRows, TransactionFileError } from "./transaction-rows.server";

/**
 * An uploaded transaction file, split into rows and kept on disk until it is imported (the
 * researcher maps its columns in between). The rows file holds one JSON array per line,
 * `[line, cell, cell, ...]`, so that the import reads it back in one pass with constant memory
 * and the same cells whatever the original format was.
 */
export interface TransactionUpload {
  id: string;
  studyId: number;
  userId: number;
  fileName: string;
  /** the first non-blank row */
  header: string[];
  /** up to PREVIEW_ROWS rows after the header */
  preview: string[][];
  /** rows after the header (blank ones included) */
  rowCount: number;
  /** what each column shows about date order and decimal separator (the import's detection, without another pass) */
  formats: ColumnFormats;
  createdAt: number;
}

export type ReceiveUploadResult =
  | { ok: true; upload: TransactionUpload }
  | { ok: false; reason: "empty-file" | "too-large" | "invalid-csv" | "invalid-xlsx"; line: number | null };

/** Largest upload accepted (a million rows of a dozen columns is about 60 MB of CSV). */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
export const PREVIEW_ROWS = 5;
/** Uploads not imported are removed after a day. */
const UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;
const ID = /^[a-f0-9]{32}$/;

/** Where uploads wait for their import: a folder of the system's temporary folder. */
export function uploadDir(): string {
  const dir = path.join(os.tmpdir(), "valuemap-transaction-uploads");
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

const rowsPath = (id: string) => path.join(uploadDir(), `${id}.rows`);
const metaPath = (id: string) => path.join(uploadDir(), `${id}.json`);

/** Removes uploads older than a day (called on each new upload). */
function removeExpiredUploads(now: number): void {
  const dir = uploadDir();
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    try {
      if (now - fs.statSync(file).mtimeMs > UPLOAD_TTL_MS) fs.rmSync(file, { force: true });
    } catch {
      // Removed meanwhile by another request: nothing to do.
    }
  }
}

/** Counts bytes as they pass and stops the upload past the limit. */
async function* limited(source: AsyncIterable<Uint8Array>, max: number, onTooLarge: () => void): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of source) {
    total += chunk.length;
    if (total > max) {
      onTooLarge();
      return;
    }
    yield chunk;
  }
}

/**
 * Reads an uploaded CSV or XLSX file as it streams in and writes its rows to the upload folder:
 * the header (first non-blank row), a preview, the row count and what each column shows about
 * the file's date order and decimal separator come back; nothing reaches the database. A file that is not valid CSV/XLSX, empty or too large is refused and nothing is kept.
 */
export async function receiveTransactionUpload(
  args: { studyId: number; userId: number; fileName: string; data: AsyncIterable<Uint8Array> },
  now = Date.now(),
): Promise<ReceiveUploadResult> {
  removeExpiredUploads(now);
  const id = crypto.randomBytes(16).toString("hex");
  const out = fs.createWriteStream(rowsPath(id));
  let header: string[] | null = null;
  const preview: string[][] = [];
  let rowCount = 0;
  let tooLarge = false;
  const detector = createColumnFormatDetector();
  const fail = (result: ReceiveUploadResult) => {
    out.destroy();
    fs.rmSync(rowsPath(id), { force: true });
    return result;
  };
  try {
    const source = limited(args.data, MAX_UPLOAD_BYTES, () => (tooLarge = true));
    for await (const row of transactionFileRows(source, fileKindOf(args.fileName))) {
      const blank = row.cells.every((c) => c.trim() === "");
      if (header === null) {
        if (!blank) header = row.cells.map((c) => c.trim());
        continue;
      }
      rowCount += 1;
      detector.add(row.cells);
      if (preview.length < PREVIEW_ROWS && !blank) preview.push(row.cells);
      if (!out.write(`${JSON.stringify([row.line, ...row.cells])}\n`)) await once(out, "drain");
    }
  } catch (error) {
    if (error instanceof TransactionFileError) return fail({ ok: false, reason: error.reason, line: error.line });
    fail({ ok: false, reason: "invalid-csv", line: null });
    throw error;
  }
  if (tooLarge) return fail({ ok: false, reason: "too-large", line: null });
  if (header === null) return fail({ ok: false, reason: "empty-file", line: null });
  out.end();
  await once(out, "finish");
  const upload: TransactionUpload = { id, studyId: args.studyId, userId: args.userId, fileName: args.fileName.slice(0, 200), header, preview, rowCount, formats: detector.result(), createdAt: now };
  fs.writeFileSync(metaPath(id), JSON.stringify(upload));
  return { ok: true, upload };
}

/** The upload `id` of this study, or null (unknown, expired, or another study's). */
export function getTransactionUpload(id: string, studyId: number): TransactionUpload | null {
  if (!ID.test(id)) return null;
  try {
    const upload = JSON.parse(fs.readFileSync(metaPath(id), "utf8")) as TransactionUpload;
    return upload.studyId === studyId && fs.existsSync(rowsPath(id)) ? upload : null;
  } catch {
    return null;
  }
}

export function removeTransactionUpload(id: string): void {
  if (!ID.test(id)) return;
  fs.rmSync(rowsPath(id), { force: true });
  fs.rmSync(metaPath(id), { force: true });
  fs.rmSync(uploadWorkFile(id, "checked"), { force: true });
}

/** Each row of an upload's rows file, streamed (the import's checking pass). */
export async function* uploadRows(id: string): AsyncGenerator<{ line: number; cells: string[] }> {
  for await (const [line, ...cells] of readJsonLines<[number, ...string[]]>(rowsPath(id))) yield { line, cells };
}

/** A working file of the upload (the import's checked rows), removed with the upload. */
export function uploadWorkFile(id: string, name: "checked"): string {
  return path.join(uploadDir(), `${id}.${name}`);
}
