import fs from "node:fs";
import { once } from "node:events";
import type { Db } from "../../../db/client";
import {
  createCustomerImport,
  deleteCustomerTransactions,
  insertCheckedTransactions,
  setCustomerImportRowCount,
  TRANSACTION_INSERT_ROWS,
} from "../../../db/queries/customers";
import { recordAuditEvent } from "../../../db/queries/audit";
import {
  columnFormatDetection,
  columnMapping,
  readTransactionRow,
  type ColumnMapping,
  type DateOrder,
  type DecimalSeparator,
  type RowFormats,
  type RowRejection,
  type TransactionColumn,
} from "../../../surveys/transactions/index";
import { readJsonLinesSync } from "./json-lines.server";
import { getTransactionUpload, removeTransactionUpload, uploadRows, uploadWorkFile } from "./transaction-upload.server";

/** What the researcher chose on the mapping form (header names; "" = not in the file). */
export interface ImportChoice {
  uploadId: string;
  columns: { customerId: string; date: string; amount: string } & Partial<Record<Exclude<TransactionColumn, "customerId" | "date" | "amount">, string>>;
  mode: "replace" | "append";
  dateOrder: DateOrder | "auto";
  decimalSeparator: DecimalSeparator | "auto";
}

export type ImportResult =
  | { ok: true; importId: number; rows: number; dateOrder: DateOrder | null; decimalSeparator: DecimalSeparator | null }
  | { ok: false; reason: "upload-missing" | "no-rows" | "mixed-date-orders" | "mixed-decimal-separators" }
  | { ok: false; reason: "missing-column"; column: TransactionColumn; name: string }
  | { ok: false; reason: "duplicate-column"; name: string }
  | { ok: false; reason: "rows-rejected"; rejected: RowRejection[]; rejectedCount: number };

/** Rejections listed at most (all are counted). */
export const MAX_LISTED_REJECTIONS = 100;

/** A checked transaction as the working file keeps it: the values of one insert row. */
type CheckedRow = [customerId: string, date: string, amount: number, margin: number | null, marginRate: number | null, cost: number | null, account: string | null];

/**
 * Reads and checks every row of the upload (streamed, outside any transaction, so the server
 * keeps answering) and writes the transactions to the upload's "checked" file; the rejections
 * (the first `MAX_LISTED_REJECTIONS` listed, all counted) when any row is bad.
 */
async function checkRows(uploadId: string, mapping: ColumnMapping, formats: RowFormats): Promise<{ rows: number; rejected: RowRejection[]; rejectedCount: number }> {
  const out = fs.createWriteStream(uploadWorkFile(uploadId, "checked"));
  const rejected: RowRejection[] = [];
  let rejectedCount = 0;
  let rows = 0;
  try {
    for await (const row of uploadRows(uploadId)) {
      const read = readTransactionRow(row.cells, row.line, mapping, formats);
      if (!read.ok) {
        rejectedCount += 1;
        if (rejected.length < MAX_LISTED_REJECTIONS) rejected.push(read.rejection);
        continue;
      }
      const t = read.transaction;
      if (t === null || rejectedCount > 0) continue;
      rows += 1;
      const checked: CheckedRow = [t.customerId, t.date, t.amount, t.margin ?? null, t.marginRate ?? null, t.cost ?? null, t.account ?? null];
      if (!out.write(`${JSON.stringify(checked)}\n`)) await once(out, "drain");
    }
  } finally {
    out.end();
    await once(out, "close");
  }
  return { rows, rejected, rejectedCount };
}

/**
 * Imports an upload's transactions into the study, all or nothing:
 *
 * 1. the columns are found by the names the researcher chose (`columnMapping`);
 * 2. the file's date order and decimal separator, where the researcher left them on "auto",
 *    come from what the upload saw in each column (`columnFormatDetection`, the same result as
 *    `createFormatDetector` over the rows); a file showing both is refused;
 * 3. every row is read and checked (`readTransactionRow`), streamed, outside any transaction;
 *    any rejected row and the import stops there, the database untouched, with the rejections
 *    (line, reason, column, text);
 * 4. one database transaction: with "replace" the study's earlier transactions are deleted, the
 *    import's row is made, and the checked rows are inserted in batches of
 *    `TRANSACTION_INSERT_ROWS`: all of them or, on any failure, none.
 *
 * On SQLite the transaction's pass reads the checked rows synchronously (its body may await only
 * the database): it holds the write lock and the event loop for its duration, which step 3 keeps
 * to reading JSON and inserting (bench/customers-import.ts measures it).
 */
export async function importTransactions(db: Db, args: { studyId: number; userId: number; choice: ImportChoice }, now = Date.now()): Promise<ImportResult> {
  const { choice } = args;
  const upload = getTransactionUpload(choice.uploadId, args.studyId);
  if (!upload) return { ok: false, reason: "upload-missing" };
  const names = Object.fromEntries(Object.entries(choice.columns).filter(([, name]) => name !== undefined && name !== "")) as ImportChoice["columns"];
  const found = columnMapping(upload.header, names);
  if (!found.ok) return found;
  const mapping: ColumnMapping = found.mapping;

  let dateOrder: DateOrder | null = choice.dateOrder === "auto" ? null : choice.dateOrder;
  let decimalSeparator: DecimalSeparator | null = choice.decimalSeparator === "auto" ? null : choice.decimalSeparator;
  if (dateOrder === null || decimalSeparator === null) {
    const detected = columnFormatDetection(upload.formats, mapping);
    if (dateOrder === null && detected.dateOrder === "mixed") return { ok: false, reason: "mixed-date-orders" };
    if (decimalSeparator === null && detected.decimalSeparator === "mixed") return { ok: false, reason: "mixed-decimal-separators" };
    dateOrder ??= detected.dateOrder as DateOrder | null;
    decimalSeparator ??= detected.decimalSeparator as DecimalSeparator | null;
  }
  const formats = { dateOrder: dateOrder ?? "auto", decimalSeparator: decimalSeparator ?? "auto" } as const;

  const checked = await checkRows(upload.id, mapping, formats);
  if (checked.rejectedCount > 0) return { ok: false, reason: "rows-rejected", rejected: checked.rejected, rejectedCount: checked.rejectedCount };
  if (checked.rows === 0) return { ok: false, reason: "no-rows" };

  const importId = await db.transaction(async (tx) => {
    if (choice.mode === "replace") await deleteCustomerTransactions(tx, args.studyId);
    const importId = await createCustomerImport(tx, {
      studyId: args.studyId,
      fileName: upload.fileName,
      mode: choice.mode,
      dateOrder,
      decimalSeparator,
      userId: args.userId,
      now,
    });
    let batch: CheckedRow[] = [];
    for (const row of readJsonLinesSync<CheckedRow>(uploadWorkFile(upload.id, "checked"))) {
      batch.push(row);
      if (batch.length === TRANSACTION_INSERT_ROWS) {
        await insertCheckedTransactions(tx, { studyId: args.studyId, importId, rows: batch });
        batch = [];
      }
    }
    if (batch.length) await insertCheckedTransactions(tx, { studyId: args.studyId, importId, rows: batch });
    await setCustomerImportRowCount(tx, importId, checked.rows);
    return importId;
  });
  removeTransactionUpload(upload.id);
  await recordAuditEvent(db, { studyId: args.studyId, userId: args.userId, action: "customers.import", detail: `${choice.mode} ${checked.rows}`, now });
  return { ok: true, importId, rows: checked.rows, dateOrder, decimalSeparator };
}
