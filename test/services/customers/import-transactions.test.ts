import { Readable } from "node:stream";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { customerAnalysisCache, loadCustomerAnalysis } from "../../../app/lib/customers/customer-analysis.server";
import { importTransactions, type ImportChoice } from "../../../app/lib/customers/import-transactions.server";
import { inviteCustomers } from "../../../app/lib/customers/invite-customers.server";
import { getTransactionUpload, receiveTransactionUpload } from "../../../app/lib/customers/transaction-upload.server";
import { listCustomerTransactions } from "../../../db/queries/customers";
import type { Study } from "../../../db/queries/studies";
import { addStudy, addUser, scalar } from "../../db/fixtures";
import { createTempDb, type TempDb } from "../../helpers/temp-db";

/** Transactions import and customer invitations, called as services on a temporary database (no server). */
let temp: TempDb;
let userId: number;
let study: Study;

beforeAll(async () => {
  temp = await createTempDb();
  userId = (await addUser(temp.db, "customers@example.com")).id;
  study = (await addStudy(temp.db, { ownerId: userId, token: "customers-study-token-1" })).study;
});
afterAll(() => temp.cleanup());
beforeEach(() => customerAnalysisCache.clear());

/** A file's bytes arriving in small pieces, as an upload does. */
function stream(bytes: Buffer): AsyncIterable<Uint8Array> {
  const pieces: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += 7) pieces.push(bytes.subarray(i, i + 7));
  return Readable.from(pieces);
}

async function upload(text: string | Buffer, fileName = "sales.csv") {
  const received = await receiveTransactionUpload({ studyId: study.id, userId, fileName, data: stream(Buffer.isBuffer(text) ? text : Buffer.from(text)) });
  if (!received.ok) throw new Error(`upload refused: ${received.reason}`);
  return received.upload;
}

const columns = { customerId: "customer", date: "date", amount: "amount" };
const choice = (uploadId: string, extra: Partial<ImportChoice> = {}): ImportChoice => ({
  uploadId,
  columns,
  mode: "replace",
  dateOrder: "auto",
  decimalSeparator: "auto",
  ...extra,
});
const stored = () => scalar(temp.db, sql`select count(*) as "v" from customer_transactions where study_id = ${study.id}`);
const imports = () => scalar(temp.db, sql`select count(*) as "v" from customer_imports where study_id = ${study.id}`);

describe("receiveTransactionUpload + importTransactions", () => {
  it("reads a semicolon CSV with decimal commas and local dates, and stores every row", async () => {
    const file = "\uFEFFcustomer;date;amount\nC1;2025-01-10;\"1.234,50\"\nC2;10.02.2025;12,5\n\nC1;2025年3月4日;-2,00\n";
    const up = await upload(file);
    expect(up.header).toEqual(["customer", "date", "amount"]);
    expect(up.rowCount).toBe(4); // three rows and the blank line
    const result = await importTransactions(temp.db, { studyId: study.id, userId, choice: choice(up.id) });
    expect(result).toMatchObject({ ok: true, rows: 3, decimalSeparator: "," });
    expect(await listCustomerTransactions(temp.db, study.id)).toEqual([
      { customerId: "C1", date: "2025-01-10", amount: 1234.5 },
      { customerId: "C2", date: "2025-02-10", amount: 12.5 },
      { customerId: "C1", date: "2025-03-04", amount: -2 },
    ]);
    expect(getTransactionUpload(up.id, study.id)).toBeNull(); // removed once imported
  });

  it("names every bad row (line, reason, column) and changes nothing, even when it would have replaced the data", async () => {
    const before = await stored();
    const file = "customer,date,amount\nC1,2025-01-10,10\nC2,2025-02-30,5\nC3,2025-02-01,abc\nC4,2025-02-01,\n";
    const up = await upload(file);
    const result = await importTransactions(temp.db, { studyId: study.id, userId, choice: choice(up.id) });
    expect(result).toEqual({
      ok: false,
      reason: "rows-rejected",
      rejectedCount: 3,
      rejected: [
        { line: 3, reason: "invalid-date", params: { column: "date", value: "2025-02-30" } },
        { line: 4, reason: "invalid-number", params: { column: "amount", value: "abc" } },
        { line: 5, reason: "missing-value", params: { column: "amount" } },
      ],
    });
    expect(await stored()).toBe(before);
    expect(await imports()).toBe(1);
  });

  it("refuses a mapping naming a column the file lacks, and a file writing both date orders", async () => {
    const up = await upload("customer,date,amount\nC1,25/03/2025,1\nC2,03/25/2025,2\n");
    expect(await importTransactions(temp.db, { studyId: study.id, userId, choice: choice(up.id, { columns: { ...columns, customerId: "client" } }) })).toEqual({
      ok: false,
      reason: "missing-column",
      column: "customerId",
      name: "client",
    });
    expect(await importTransactions(temp.db, { studyId: study.id, userId, choice: choice(up.id) })).toEqual({ ok: false, reason: "mixed-date-orders" });
    expect(await imports()).toBe(1);
  });

  it("appends or replaces by choice", async () => {
    const before = await stored();
    const appended = await importTransactions(temp.db, { studyId: study.id, userId, choice: choice((await upload("customer,date,amount\nC9,2025-03-01,7\n")).id, { mode: "append" }) });
    expect(appended).toMatchObject({ ok: true, rows: 1 });
    expect(await stored()).toBe(before + 1);
    expect(await imports()).toBe(2);
    const replaced = await importTransactions(temp.db, { studyId: study.id, userId, choice: choice((await upload("customer,date,amount\nC8,2025-03-01,7\nC8,2025-03-02,8\n")).id) });
    expect(replaced).toMatchObject({ ok: true, rows: 2 });
    expect(await stored()).toBe(2);
    expect(await imports()).toBe(1);
  });

  it("reads the first sheet of an XLSX workbook (dates as date cells, amounts as numbers)", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Sales");
    sheet.addRow(["Customer", "Date", "Amount", "Margin"]);
    sheet.addRow(["K1", new Date(Date.UTC(2025, 0, 15)), 120.5, 30]);
    sheet.addRow(["K2", "2025-02-01", 80, 20]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const up = await upload(bytes, "sales.xlsx");
    const result = await importTransactions(temp.db, {
      studyId: study.id,
      userId,
      choice: choice(up.id, { columns: { customerId: "Customer", date: "Date", amount: "Amount", margin: "Margin" } }),
    });
    expect(result).toMatchObject({ ok: true, rows: 2 });
    expect(await listCustomerTransactions(temp.db, study.id)).toEqual([
      { customerId: "K1", date: "2025-01-15", amount: 120.5, margin: 30 },
      { customerId: "K2", date: "2025-02-01", amount: 80, margin: 20 },
    ]);
  });

  it("refuses an empty file and a CSV with an unclosed quote, keeping nothing", async () => {
    const empty = await receiveTransactionUpload({ studyId: study.id, userId, fileName: "x.csv", data: stream(Buffer.from("\n\n")) });
    expect(empty).toEqual({ ok: false, reason: "empty-file", line: null });
    const broken = await receiveTransactionUpload({ studyId: study.id, userId, fileName: "x.csv", data: stream(Buffer.from('a,b,c\n1,"2,3\n')) });
    expect(broken).toEqual({ ok: false, reason: "invalid-csv", line: 2 });
  });
});

describe("inviteCustomers", () => {
  it("invites the platinum tier once, keeping each customer's id on the invitation", async () => {
    // Ten customers P0..P9 buying once each in 2025 with margins 10, 20, ..., 100 (amount = margin):
    // the pyramid's platinum tier is the top 5 % = ceil(0.5) = 1 customer, P9 (method.md §11 (d)).
    const rows = Array.from({ length: 10 }, (_, i) => `P${i},2025-03-0${(i % 9) + 1},${(i + 1) * 10},${(i + 1) * 10}`);
    const up = await upload(`customer,date,amount,margin\n${rows.join("\n")}\n`);
    const imported = await importTransactions(temp.db, { studyId: study.id, userId, choice: choice(up.id, { columns: { ...columns, margin: "margin" } }) });
    expect(imported).toMatchObject({ ok: true, rows: 10 });
    const analysis = await loadCustomerAnalysis(temp.db, study.id);
    expect(analysis.pyramid?.ok && analysis.pyramid.tiers.map((t) => t.count)).toEqual([1, 1, 3, 5]);

    expect(await inviteCustomers(temp.db, study, userId, { kind: "tier", value: "platinum" })).toEqual({ ok: true, created: 1, already: 0 });
    const invited = await temp.db.rows<{ customerId: string; label: string }>(
      sql`select customer_id as "customerId", label from respondent_invitations where study_id = ${study.id}`,
    );
    expect(invited).toEqual([{ customerId: "P9", label: "P9" }]);
    expect(await inviteCustomers(temp.db, study, userId, { kind: "tier", value: "platinum" })).toEqual({ ok: true, created: 0, already: 1 });
    expect(await inviteCustomers(temp.db, study, userId, { kind: "segment", value: "lost" })).toEqual({ ok: false, reason: "no-customers" });
  });
});
