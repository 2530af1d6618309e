import type { Db } from "../../../db/client";
import {
  createCustomerImport,
  deleteCustomerTransactions,
  insertCustomerTransactions,
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
  type RowRejection,
  type Transaction,
  type TransactionColumn,
} from "../../../surveys/transactions/index";
import { getTransactionUpload, removeTransactionUpload, uploadRowsSync } from "./transaction-upload.server";

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

/** Thrown inside the transaction to roll it back when a row is rejected. */
class RowsRejected extends Error {
  constructor(
    readonly rejected: RowRejection[],
    readonly rejectedCount: number,
  ) {
    super("rows rejected");
  }
}

class NoRows extends Error {}

/**
 * Imports an upload's transactions into the study, all or nothing:
 *
 * 1. the columns are found by the names the researcher chose (`columnMapping`);
 * 2. the file's date order and decimal separator, where the researcher left them on "auto",
 *    come from what the upload saw in each column (`columnFormatDetection`, the same result as
 *    `createFormatDetector` over the rows); a file showing both is refused;
 * 3. one database transaction: with "replace" the study's earlier transactions are deleted, the
 *    import's row is made, and every row is read (`readTransactionRow`) and inserted in batches
 *    of `TRANSACTION_INSERT_ROWS`. The first rejected row stops the inserts; the rest of the file
 *    is still read to list the rejections (line, reason) and the transaction is rolled back, so a
 *    file with any bad row changes nothing.
 *
 * On SQLite the transaction's pass reads the rows file synchronously (its body may await only
 * the database): the import holds the write lock and the event loop for its duration
 * (bench/customers-import.ts: about 10 s for 1 million rows on 2 cores).
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

  try {
    const { importId, rows } = await db.transaction(async (tx) => {
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
      let batch: Transaction[] = [];
      let rows = 0;
      const rejected: RowRejection[] = [];
      let rejectedCount = 0;
      for (const row of uploadRowsSync(upload.id)) {
        const read = readTransactionRow(row.cells, row.line, mapping, formats);
        if (!read.ok) {
          rejectedCount += 1;
          if (rejected.length < MAX_LISTED_REJECTIONS) rejected.push(read.rejection);
          batch = [];
          continue;
        }
        if (read.transaction === null || rejectedCount > 0) continue;
        batch.push(read.transaction);
        rows += 1;
        if (batch.length === TRANSACTION_INSERT_ROWS) {
          await insertCustomerTransactions(tx, { studyId: args.studyId, importId, rows: batch });
          batch = [];
        }
      }
      if (rejectedCount > 0) throw new RowsRejected(rejected, rejectedCount);
      if (rows === 0) throw new NoRows();
      if (batch.length) await insertCustomerTransactions(tx, { studyId: args.studyId, importId, rows: batch });
      await setCustomerImportRowCount(tx, importId, rows);
      return { importId, rows };
    });
    removeTransactionUpload(upload.id);
    await recordAuditEvent(db, { studyId: args.studyId, userId: args.userId, action: "customers.import", detail: `${choice.mode} ${rows}`, now });
    return { ok: true, importId, rows, dateOrder, decimalSeparator };
  } catch (error) {
    if (error instanceof RowsRejected) return { ok: false, reason: "rows-rejected", rejected: error.rejected, rejectedCount: error.rejectedCount };
    if (error instanceof NoRows) return { ok: false, reason: "no-rows" };
    throw error;
  }
}
