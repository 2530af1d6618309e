import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCommand } from "../helpers/commands";

/** `npm run customers -- <file>`: the built command as a child process (build/cli/customers.js). */
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "customers-cli-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/**
 * Three customers, analysed at D = 2025-03-01 (this year 2024-03-02..2025-03-01):
 * - A buys 2024-01-10 (margin 30), 2024-06-10 (15), 2025-01-05 (24): R = 55 days, F = 3, M = 230;
 *   annual margin m = 15 + 24 = 39; intervals 152 and 209 days, T_r = 55 → S = 55 / 209.
 * - B buys 2024-02-01 only (margin 60): inactive this year, no CLV or tier.
 * - C buys 2024-12-01 and 2025-01-20 (12 each): m = 24; interval 50, T_r = 40 → S = 0.8.
 * With r = 0.8 given and i = 0.10: CLV = m · 1.1 / 0.3 → A 143, C 88; equity 231.
 * Pyramid over the 2 active customers: platinum = fewer than 0.05 · 2 with a higher margin → A;
 * C: one customer (A) has more, 1 < 0.2 · 2 = 0.4 is false, 1 < 0.5 · 2 = 1 false → lead.
 */
const TRANSACTIONS = [
  "customer_id,date,amount,margin",
  "A,2024-01-10,100,30",
  "A,2024-06-10,50,15",
  "A,2025-01-05,80,24",
  "B,2024-02-01,200,60",
  "C,2024-12-01,40,12",
  "C,2025-01-20,40,12",
].join("\n");

describe("customers command", () => {
  it("prints RFM, silent scores, CLV, tiers and the customer equity as JSON", async () => {
    const run = await runCommand("customers", [file("tx.csv", TRANSACTIONS), "--date", "2025-03-01", "--retention", "0.8"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as {
      count: number;
      retention: number;
      customerEquity: number;
      customers: Array<{ id: string; recency: number; frequency: number; monetary: number; silent: { score: number; rankRatio: number | null; silent: boolean } | null; clv: number | null; tier: string | null; rfm: { cell: string } }>;
    };
    expect(out.count).toBe(3);
    expect(out.retention).toBe(0.8);
    expect(out.customerEquity).toBeCloseTo(231, 9);
    const a = out.customers.find((c) => c.id === "A")!;
    expect([a.recency, a.frequency, a.monetary]).toEqual([55, 3, 230]);
    expect(a.silent!.score).toBeCloseTo(55 / 209, 12);
    expect(a.clv).toBeCloseTo(143, 9);
    expect(a.tier).toBe("platinum");
    const b = out.customers.find((c) => c.id === "B")!;
    expect([b.clv, b.tier]).toEqual([null, null]);
    const c = out.customers.find((x) => x.id === "C")!;
    expect(c.silent).toEqual({ score: 0.8, rankRatio: expect.closeTo(1 / 2, 12) as unknown as number, silent: false });
    expect(c.clv).toBeCloseTo(88, 9);
    expect(c.tier).toBe("lead");
  });

  it("exits 2 with one line per bad row, numbered as in the file, and prints nothing on stdout", async () => {
    const run = await runCommand("customers", [file("bad.csv", "customer_id,date,amount\nA,2024-01-10,100\nB,2024-02-30,5\nC,2024-03-01,abc\n")]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/bad\.csv:3: Date “2024-02-30” is not a date$/),
      expect.stringMatching(/bad\.csv:4: Amount “abc” is not a number$/),
    ]);
  });

  it("exits 2 on a file without a date column, a bad option and a missing file", async () => {
    const noDate = await runCommand("customers", [file("nodate.csv", "customer_id,amount\nA,1\n")]);
    expect(noDate.code).toBe(2);
    expect(noDate.stderr).toMatch(/nodate\.csv:1: no date column/);
    const badOption = await runCommand("customers", [file("ok.csv", TRANSACTIONS), "--retention", "1.5"]);
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toMatch(/^--retention requires a fraction from 0 to 1/);
    const missing = await runCommand("customers", [join(dir, "absent.csv")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/absent\.csv cannot be read \(ENOENT\)/);
  });
});
