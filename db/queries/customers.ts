import { sql } from "drizzle-orm";
import type { Transaction } from "../../analysis/customers/types";
import type { Db } from "../client";
import { valuesList, type SqlValue } from "../sql";

/**
 * Rows per multi-row insert of transactions: 9 values a row, 500 rows = 4 500 parameters, well
 * inside SQLite's 32 766 and PostgreSQL's 65 535 (bench/customers-import.ts measured 200..1000).
 */
export const TRANSACTION_INSERT_ROWS = 500;

export interface CustomerImportRow {
  id: number;
  fileName: string;
  mode: "replace" | "append";
  rowCount: number;
  dateOrder: "day-first" | "month-first" | null;
  decimalSeparator: "." | "," | null;
  createdAt: number;
}

/** Inside the import's transaction: the import's row, its id back. */
export async function createCustomerImport(
  tx: Db,
  args: {
    studyId: number;
    fileName: string;
    mode: "replace" | "append";
    dateOrder: "day-first" | "month-first" | null;
    decimalSeparator: "." | "," | null;
    userId: number | null;
    now: number;
  },
): Promise<number> {
  const [row] = await tx.q
    .insert(tx.t.customerImports)
    .values({
      studyId: args.studyId,
      fileName: args.fileName,
      mode: args.mode,
      rowCount: 0,
      dateOrder: args.dateOrder,
      decimalSeparator: args.decimalSeparator,
      createdBy: args.userId,
      createdAt: args.now,
    })
    .returning({ id: tx.t.customerImports.id });
  return row!.id;
}

export async function setCustomerImportRowCount(tx: Db, importId: number, rowCount: number): Promise<void> {
  await tx.run(sql`update customer_imports set row_count = ${rowCount} where id = ${importId}`);
}

/** Deletes every transaction and import of a study (an import that replaces them). */
export async function deleteCustomerTransactions(tx: Db, studyId: number): Promise<void> {
  await tx.run(sql`delete from customer_transactions where study_id = ${studyId}`);
  await tx.run(sql`delete from customer_imports where study_id = ${studyId}`);
}

/** One multi-row insert of checked rows `[customerId, date, amount, margin, marginRate, cost, account]`. */
export async function insertCheckedTransactions(
  tx: Db,
  args: { studyId: number; importId: number; rows: ReadonlyArray<readonly [string, string, number, number | null, number | null, number | null, string | null]> },
): Promise<void> {
  const values: SqlValue[][] = args.rows.map((r) => [args.studyId, args.importId, ...r]);
  await tx.run(
    sql`insert into customer_transactions (study_id, import_id, customer_id, date, amount, margin, margin_rate, cost, account) values ${valuesList(values)}`,
  );
}

interface TransactionRow {
  customerId: string;
  date: string;
  amount: number;
  margin: number | null;
  marginRate: number | null;
  cost: number | null;
  account: string | null;
}

/** Every transaction of a study, in import order, as `analysis/customers` takes them. */
export async function listCustomerTransactions(db: Db, studyId: number): Promise<Transaction[]> {
  const rows = await db.rows<TransactionRow>(
    sql`select customer_id as "customerId", date, amount, margin, margin_rate as "marginRate", cost, account
      from customer_transactions where study_id = ${studyId} order by id`,
  );
  return rows.map((r) => {
    const t: Transaction = { customerId: r.customerId, date: r.date, amount: Number(r.amount) };
    if (r.margin !== null) t.margin = Number(r.margin);
    if (r.marginRate !== null) t.marginRate = Number(r.marginRate);
    if (r.cost !== null) t.cost = Number(r.cost);
    if (r.account !== null) t.account = r.account;
    return t;
  });
}

export function listCustomerImports(db: Db, studyId: number): Promise<CustomerImportRow[]> {
  return db.rows<CustomerImportRow>(
    sql`select id, file_name as "fileName", mode, row_count as "rowCount", date_order as "dateOrder",
        decimal_separator as "decimalSeparator", created_at as "createdAt"
      from customer_imports where study_id = ${studyId} order by id`,
  );
}

export interface CustomerSettingsRow {
  analysisDate: string | null;
  discountRate: number;
  retention: number | null;
  cost: number;
  horizonYears: number | null;
  defaultMarginRate: number | null;
  updatedAt: number;
}

export async function getCustomerSettings(db: Db, studyId: number): Promise<CustomerSettingsRow | null> {
  const [row] = await db.rows<CustomerSettingsRow>(
    sql`select analysis_date as "analysisDate", discount_rate as "discountRate", retention, cost, horizon_years as "horizonYears",
        default_margin_rate as "defaultMarginRate", updated_at as "updatedAt"
      from customer_settings where study_id = ${studyId}`,
  );
  if (!row) return null;
  const num = (v: number | null) => (v === null ? null : Number(v));
  return {
    ...row,
    discountRate: Number(row.discountRate),
    retention: num(row.retention),
    cost: Number(row.cost),
    horizonYears: num(row.horizonYears),
    defaultMarginRate: num(row.defaultMarginRate),
    updatedAt: Number(row.updatedAt),
  };
}

export async function saveCustomerSettings(db: Db, studyId: number, settings: Omit<CustomerSettingsRow, "updatedAt">, now: number): Promise<void> {
  const values = { ...settings, updatedAt: now };
  await db.q
    .insert(db.t.customerSettings)
    .values({ studyId, ...values })
    .onConflictDoUpdate({ target: db.t.customerSettings.studyId, set: values });
}

/**
 * What the customer figures of a study are computed from: its imports (ids and row counts) and
 * its settings. Changes whenever an import or the parameters change (the caches' key).
 */
export async function customersDataVersion(db: Db, studyId: number): Promise<string> {
  const [imports] = await db.rows<{ n: number; maxId: number; rows: number }>(
    sql`select cast(count(*) as integer) as "n", coalesce(max(id), 0) as "maxId", cast(coalesce(sum(row_count), 0) as bigint) as "rows"
      from customer_imports where study_id = ${studyId}`,
  );
  const [settings] = await db.rows<{ updatedAt: number }>(sql`select updated_at as "updatedAt" from customer_settings where study_id = ${studyId}`);
  return [studyId, imports?.n ?? 0, imports?.maxId ?? 0, imports?.rows ?? 0, settings?.updatedAt ?? 0].join(":");
}

/** Customer ids of the study's invitations made for customers. */
export async function listInvitedCustomerIds(db: Db, studyId: number): Promise<Set<string>> {
  const rows = await db.rows<{ customerId: string }>(
    sql`select customer_id as "customerId" from respondent_invitations where study_id = ${studyId} and customer_id is not null`,
  );
  return new Set(rows.map((r) => r.customerId));
}
