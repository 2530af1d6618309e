/**
 * bench:customers-import — a transactions file of ROWS rows (default 1 000 000; 100 000 customers,
 * three years of dates, amounts and margins with two decimals) streamed through the upload
 * (`receiveTransactionUpload`: CSV parsed by csv-parse, formats detected per column, rows written
 * to the upload folder) and the import (`importTransactions`: every row read and checked outside
 * any transaction, then the checked rows inserted in batches inside one transaction) into a
 * fresh SQLite file, as the customers page does.
 *
 * Baseline, in the same run: the same rows, already split, inserted with plain multi-row
 * inserts of the same size in one transaction into another fresh file (no reading, no checks).
 * Prints time, rows/s, the peak RSS after a 100 000-row import and after the full import (flat
 * memory: the two stay close), the longest time the event loop was held (on SQLite: the
 * transaction, during which the server answers nothing), and last a `ratio`.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { importTransactions } from "../app/lib/customers/import-transactions.server";
import { receiveTransactionUpload } from "../app/lib/customers/transaction-upload.server";
import { openDatabase, type Db } from "../db/client";
import { TRANSACTION_INSERT_ROWS } from "../db/queries/customers";
import { createStudy } from "../db/queries/studies";
import { createUser } from "../db/queries/users";
import { valuesList, type SqlValue } from "../db/sql";

const ROWS = Number(process.env.ROWS ?? 1_000_000);
const CUSTOMERS = Math.max(1, Math.round(ROWS / 10));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "valuemap-bench-customers-"));

/** A deterministic CSV of `rows` transactions (a linear congruential generator, no Math.random). */
function writeCsv(file: string, rows: number): void {
  const fd = fs.openSync(file, "w");
  let seed = 42;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const start = Date.UTC(2023, 0, 1);
  let buffer = "customer_id,date,amount,margin\n";
  for (let i = 0; i < rows; i += 1) {
    const day = new Date(start + Math.floor(next() * 1095) * 86_400_000).toISOString().slice(0, 10);
    const amount = (5 + next() * 495).toFixed(2);
    buffer += `C${Math.floor(next() * CUSTOMERS)},${day},${amount},${(Number(amount) * 0.3).toFixed(2)}\n`;
    if (buffer.length > 1 << 20) {
      fs.writeSync(fd, buffer);
      buffer = "";
    }
  }
  fs.writeSync(fd, buffer);
  fs.closeSync(fd);
}

async function freshDb(name: string): Promise<{ db: Db; studyId: number; userId: number }> {
  const db = openDatabase({ url: path.join(dir, `${name}.sqlite`) });
  const user = await createUser(db, { email: `${name}@bench.example`, passwordHash: "x", now: 1 });
  const study = await createStudy(db, { ownerId: user!.id, publicToken: `bench-${name}-token-0001`, title: "Bench", titleZh: null, market: "", marketZh: null, languages: "en", now: 1 });
  return { db, studyId: study.id, userId: user!.id };
}

const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

async function runImport(file: string, name: string) {
  const { db, studyId, userId } = await freshDb(name);
  const started = performance.now();
  const received = await receiveTransactionUpload({ studyId, userId, fileName: "bench.csv", data: fs.createReadStream(file, { highWaterMark: 1 << 16 }) });
  if (!received.ok) throw new Error(`upload refused: ${received.reason}`);
  const uploadedMs = performance.now() - started;
  let longestBlockMs = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    longestBlockMs = Math.max(longestBlockMs, now - last);
    last = now;
  }, 5);
  const result = await importTransactions(db, {
    studyId,
    userId,
    choice: { uploadId: received.upload.id, columns: { customerId: "customer_id", date: "date", amount: "amount", margin: "margin" }, mode: "replace", dateOrder: "auto", decimalSeparator: "auto" },
  });
  clearInterval(timer);
  // A block that lasted to the end (the transaction) is not followed by a tick: count it too.
  longestBlockMs = Math.max(longestBlockMs, performance.now() - last);
  const totalMs = performance.now() - started;
  if (!result.ok) throw new Error(`import refused: ${JSON.stringify(result).slice(0, 300)}`);
  await db.close();
  return { rows: result.rows, uploadedMs, totalMs, longestBlockMs };
}

/** Plain multi-row inserts of the same rows (split by hand, no checks) in one transaction. */
async function runBaseline(file: string): Promise<number> {
  const { db, studyId } = await freshDb("baseline");
  const [importRow] = await db.rows<{ id: number }>(
    sql`insert into customer_imports (study_id, file_name, mode, row_count, created_at) values (${studyId}, 'baseline', 'replace', 0, 1) returning id`,
  );
  const lines = fs.readFileSync(file, "utf8").split("\n").slice(1).filter((l) => l !== "");
  const rows: SqlValue[][] = lines.map((line) => {
    const [customer, date, amount, margin] = line.split(",");
    return [studyId, importRow!.id, customer!, date!, Number(amount), Number(margin), null, null, null];
  });
  const started = performance.now();
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += TRANSACTION_INSERT_ROWS) {
      await tx.run(
        sql`insert into customer_transactions (study_id, import_id, customer_id, date, amount, margin, margin_rate, cost, account) values ${valuesList(rows.slice(i, i + TRANSACTION_INSERT_ROWS))}`,
      );
    }
  });
  const ms = performance.now() - started;
  await db.close();
  return ms;
}

console.log(`bench/customers-import: ${os.cpus().length} CPUs, node ${process.version}, ${ROWS} rows, ${CUSTOMERS} customers`);
const small = path.join(dir, "small.csv");
const large = path.join(dir, "large.csv");
writeCsv(small, Math.min(100_000, ROWS));
writeCsv(large, ROWS);
console.log(`file: ${(fs.statSync(large).size / 1024 / 1024).toFixed(1)} MB`);

const warm = await runImport(small, "small");
const rssSmall = peakRssMb();
console.log(`import ${warm.rows} rows: ${(warm.totalMs / 1000).toFixed(2)} s, peak RSS ${rssSmall.toFixed(0)} MB`);
const full = await runImport(large, "large");
const rssLarge = peakRssMb();
console.log(
  `import ${full.rows} rows: ${(full.totalMs / 1000).toFixed(2)} s (upload ${(full.uploadedMs / 1000).toFixed(2)} s, check + transaction ${((full.totalMs - full.uploadedMs) / 1000).toFixed(2)} s), ` +
    `${Math.round(full.rows / (full.totalMs / 1000))} rows/s, peak RSS ${rssLarge.toFixed(0)} MB (+${(rssLarge - rssSmall).toFixed(0)} MB over the 100k import), event loop held at most ${(full.longestBlockMs / 1000).toFixed(2)} s`,
);
const baselineMs = await runBaseline(large);
console.log(`baseline: plain multi-row inserts of the same ${ROWS} rows in one transaction: ${(baselineMs / 1000).toFixed(2)} s, ${Math.round(ROWS / (baselineMs / 1000))} rows/s`);
fs.rmSync(dir, { recursive: true, force: true });
console.log(`ratio import / plain inserts: ${(full.totalMs / baselineMs).toFixed(2)} (goal: import < 60 s)`);
