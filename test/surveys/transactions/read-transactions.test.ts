import { describe, it, expect } from "vitest";
import { columnMapping, createFormatDetector, readTransactionRow, readTransactions } from "../../../surveys";
import type { ColumnMapping } from "../../../surveys";

// Columns: customer, date, amount, margin, margin rate, cost, account.
const mapping: ColumnMapping = { customerId: 0, date: 1, amount: 2, margin: 3, marginRate: 4, cost: 5, account: 6 };
const auto = { dateOrder: "auto", decimalSeparator: "auto" } as const;

describe("readTransactionRow", () => {
  it("reads a row with every field", () => {
    expect(readTransactionRow([" c1 ", "2025-03-04", "1.234,56", "300,5", "25 %", "900", " ACME "], 7, mapping, auto)).toEqual({
      ok: true,
      transaction: { customerId: "c1", date: "2025-03-04", amount: 1234.56, margin: 300.5, marginRate: 0.25, cost: 900, account: "ACME" },
    });
  });

  it("leaves empty optional cells and cells past the end of the row out", () => {
    expect(readTransactionRow(["c1", "2025-03-04", "-20", ""], 7, mapping, auto)).toEqual({
      ok: true,
      transaction: { customerId: "c1", date: "2025-03-04", amount: -20 },
    });
  });

  it("skips a blank row", () => {
    expect(readTransactionRow(["", " ", ""], 9, mapping, auto)).toEqual({ ok: true, transaction: null });
  });

  it("rejects a row without a required value, naming the line and the column", () => {
    expect(readTransactionRow(["", "2025-03-04", "10"], 12, mapping, auto)).toEqual({
      ok: false,
      rejection: { line: 12, reason: "missing-value", params: { column: "customerId" } },
    });
    expect(readTransactionRow(["c1", "2025-03-04"], 13, mapping, auto)).toMatchObject({
      rejection: { line: 13, reason: "missing-value", params: { column: "amount" } },
    });
  });

  it("rejects an ambiguous date or amount with the text that could be read two ways", () => {
    expect(readTransactionRow(["c1", "03/04/2025", "10"], 4, mapping, auto)).toEqual({
      ok: false,
      rejection: { line: 4, reason: "ambiguous-date", params: { column: "date", value: "03/04/2025" } },
    });
    expect(readTransactionRow(["c1", "2025-03-04", "1,234"], 5, mapping, auto)).toMatchObject({
      rejection: { reason: "ambiguous-number", params: { column: "amount", value: "1,234" } },
    });
  });

  it("reads the same row by declared conventions", () => {
    expect(
      readTransactionRow(["c1", "03/04/2025", "1,234"], 4, mapping, { dateOrder: "month-first", decimalSeparator: "." }),
    ).toMatchObject({ transaction: { date: "2025-03-04", amount: 1234 } });
  });

  it("rejects an invalid optional value", () => {
    expect(readTransactionRow(["c1", "2025-03-04", "10", "", "30"], 6, mapping, auto)).toMatchObject({
      rejection: { reason: "rate-out-of-range", params: { column: "marginRate", value: "30" } },
    });
    expect(readTransactionRow(["c1", "2025-03-04", "10", "x"], 6, mapping, auto)).toMatchObject({
      rejection: { reason: "invalid-number", params: { column: "margin", value: "x" } },
    });
  });
});

describe("createFormatDetector", () => {
  it("finds the date order and decimal separator that cells show", () => {
    const detector = createFormatDetector(mapping);
    detector.add(["a", "03/04/2025", "1,234"]);
    detector.add(["a", "25/04/2025", "12", "", "12,5%"]);
    expect(detector.result()).toEqual({ dateOrder: "day-first", decimalSeparator: "," });
  });

  it("reports nothing settled and conflicts", () => {
    const detector = createFormatDetector(mapping);
    detector.add(["a", "03/04/2025", "1,234"]);
    expect(detector.result()).toEqual({ dateOrder: null, decimalSeparator: null });
    detector.add(["a", "25/04/2025", "1.5"]);
    detector.add(["a", "04/25/2025", "1,5"]);
    expect(detector.result()).toEqual({ dateOrder: "mixed", decimalSeparator: "mixed" });
  });
});

describe("readTransactions", () => {
  it("reads a file by the conventions its unambiguous cells show", () => {
    // 25/04/2025 settles day first, so 03/04/2025 is 3 April; 12,5 settles the decimal comma, so 1.234 is 1234.
    const result = readTransactions(
      [
        ["c1", "03/04/2025", "1.234"],
        ["c2", "25/04/2025", "12,5"],
        ["", "", ""],
      ],
      mapping,
      { firstLine: 2 },
    );
    expect(result).toEqual({
      ok: true,
      transactions: [
        { customerId: "c1", date: "2025-04-03", amount: 1234 },
        { customerId: "c2", date: "2025-04-25", amount: 12.5 },
      ],
      dateOrder: "day-first",
      decimalSeparator: ",",
    });
  });

  it("rejects the whole file and lists every bad row with its line", () => {
    const result = readTransactions(
      [
        ["c1", "2025-04-03", "10"],
        ["c2", "2025-02-30", "10"],
        ["", "2025-04-03", "10"],
      ],
      mapping,
      { firstLine: 2 },
    );
    expect(result).toEqual({
      ok: false,
      reason: "rows-rejected",
      rejectedCount: 2,
      rejected: [
        { line: 3, reason: "invalid-date", params: { column: "date", value: "2025-02-30" } },
        { line: 4, reason: "missing-value", params: { column: "customerId" } },
      ],
    });
  });

  it("lists at most maxRejections rows but counts them all", () => {
    const rows = Array.from({ length: 5 }, () => ["c", "nope", "1"]);
    const result = readTransactions(rows, mapping, { maxRejections: 2 });
    expect(result).toMatchObject({ ok: false, rejectedCount: 5 });
    expect(result.ok === false && result.reason === "rows-rejected" && result.rejected.length).toBe(2);
  });

  it("keeps ambiguous rows rejected when nothing in the file settles them", () => {
    expect(readTransactions([["c1", "03/04/2025", "10"]], mapping)).toMatchObject({
      ok: false,
      rejected: [{ line: 1, reason: "ambiguous-date" }],
    });
  });

  it("refuses a file that shows both date orders or both decimal separators", () => {
    expect(readTransactions([["a", "25/04/2025", "1"], ["b", "04/25/2025", "1"]], mapping)).toEqual({ ok: false, reason: "mixed-date-orders" });
    expect(readTransactions([["a", "2025-04-25", "1.5"], ["b", "2025-04-25", "1,5"]], mapping)).toEqual({
      ok: false,
      reason: "mixed-decimal-separators",
    });
  });

  it("lets declared conventions override detection", () => {
    // Declared month first: 25/04/2025 is no date (month 25), 04/25/2025 is 25 April.
    const result = readTransactions([["a", "25/04/2025", "1"], ["b", "04/25/2025", "1"]], mapping, { dateOrder: "month-first" });
    expect(result).toMatchObject({ ok: false, rejected: [{ line: 1, reason: "invalid-date" }] });
  });

  it("refuses an invalid mapping and an empty file", () => {
    expect(readTransactions([["a", "2025-01-01", "1"]], { customerId: 0, date: 0, amount: 1 })).toEqual({ ok: false, reason: "invalid-mapping" });
    expect(readTransactions([["a", "2025-01-01", "1"]], { customerId: -1, date: 1, amount: 2 })).toEqual({ ok: false, reason: "invalid-mapping" });
    expect(readTransactions([], mapping)).toEqual({ ok: false, reason: "no-rows" });
    expect(readTransactions([[""]], mapping)).toEqual({ ok: false, reason: "no-rows" });
  });
});

describe("columnMapping", () => {
  const header = ["Customer ID", " Date ", "Amount", "Margin %", "Account"];

  it("finds columns by name, trimmed and case-insensitive", () => {
    expect(columnMapping(header, { customerId: "customer id", date: "DATE", amount: "amount", marginRate: "Margin %" })).toEqual({
      ok: true,
      mapping: { customerId: 0, date: 1, amount: 2, marginRate: 3 },
    });
  });

  it("names a missing or duplicated column", () => {
    expect(columnMapping(header, { customerId: "client", date: "date", amount: "amount" })).toEqual({
      ok: false,
      reason: "missing-column",
      column: "customerId",
      name: "client",
    });
    expect(columnMapping(["id", "date", "date", "amount"], { customerId: "id", date: "date", amount: "amount" })).toEqual({
      ok: false,
      reason: "duplicate-column",
      name: "date",
    });
  });
});
