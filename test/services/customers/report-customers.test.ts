import { Readable } from "node:stream";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customerAnalysisCache } from "../../../app/lib/customers/customer-analysis.server";
import { importTransactions } from "../../../app/lib/customers/import-transactions.server";
import { receiveTransactionUpload } from "../../../app/lib/customers/transaction-upload.server";
import { parseReportOptionsWithIssues } from "../../../app/lib/report/report-options.server";
import { loadReport, reportCache } from "../../../app/lib/report/report.server";
import { saveCustomerSettings } from "../../../db/queries/customers";
import { createInvitations } from "../../../db/queries/invitations";
import { demoDb } from "../demo-db";

/**
 * The report joined to the customers: the demo study, four of its complete responses tied to
 * customers through their invitations, and transactions naming two accounts.
 *
 * Margins over the last 12 months: A1 100, A2 50 (account Acme), B1 30, B2 20 (account Birchwood).
 * With retention 0.5 given and discount rate 0: CLV = m (1 + 0) / (1 + 0 - 0.5) = 2m → 200, 100,
 * 60, 40 (method.md §11 (c)); Acme's attractiveness 300, Birchwood's 100.
 * Pyramid of 4 (a customer is in the top share p when fewer than p·4 have a higher margin):
 * A1 platinum (0 < 0.2), A2 iron (1 < 2 but not < 0.8), B1 and B2 lead (2 and 3 higher).
 */
let demo: Awaited<ReturnType<typeof demoDb>>;
let responseIds: number[] = [];

beforeAll(async () => {
  demo = await demoDb();
  const { db, study } = demo;
  const file = ["customer;date;amount;margin;account", "A1;2025-03-01;400;100;Acme", "A2;2025-03-02;200;50;Acme", "B1;2025-03-03;120;30;Birchwood", "B2;2025-03-04;80;20;Birchwood"].join("\n");
  const upload = await receiveTransactionUpload({ studyId: study.id, userId: study.ownerId, fileName: "t.csv", data: Readable.from([Buffer.from(file)]) });
  if (!upload.ok) throw new Error("upload refused");
  const imported = await importTransactions(db, {
    studyId: study.id,
    userId: study.ownerId,
    choice: { uploadId: upload.upload.id, columns: { customerId: "customer", date: "date", amount: "amount", margin: "margin", account: "account" }, mode: "replace", dateOrder: "auto", decimalSeparator: "auto" },
  });
  if (!imported.ok) throw new Error("import refused");
  await saveCustomerSettings(db, study.id, { analysisDate: null, discountRate: 0, retention: 0.5, cost: 0, horizonYears: null, defaultMarginRate: null }, 1);
  const customers = ["A1", "A2", "B1", "B2"];
  await createInvitations(db, { studyId: study.id, rows: customers.map((c, i) => ({ token: `customer-invitation-${i}-0000`, label: c, email: null, customerId: c })), now: 1 });
  const responses = await db.rows<{ id: number }>(
    sql`select r.id from responses r join questionnaires q on q.id = r.questionnaire_id
        where q.study_id = ${study.id} and q.stage = 'rating' and r.status = 'complete' and r.invitation_id is null order by r.id limit 4`,
  );
  responseIds = responses.map((r) => r.id);
  for (const [i, id] of responseIds.entries()) {
    await db.run(sql`update responses set invitation_id = (select id from respondent_invitations where token = ${`customer-invitation-${i}-0000`}) where id = ${id}`);
  }
  customerAnalysisCache.clear();
  reportCache.clear();
});
afterAll(() => demo.cleanup());

const report = (query: string) => {
  const { options, ignored } = parseReportOptionsWithIssues(new URLSearchParams(query), demo.study);
  return loadReport(demo.db, demo.study, "en", options, ignored);
};

describe("the report joined to the customers (service, no server)", () => {
  it("filters the respondents by their customer's tier, segment or silence", async () => {
    expect(responseIds).toHaveLength(4);
    const all = await report("flagged=in");
    expect(all.hasCustomers).toBe(true);
    const platinum = await report("flagged=in&customer=tier:platinum");
    expect(platinum.options.customer).toEqual({ kind: "tier", value: "platinum" });
    expect(platinum.counts.analysed).toBe(1);
    expect((await report("flagged=in&customer=tier:lead")).counts.analysed).toBe(2);
    expect((await report("flagged=in&customer=tier:gold")).counts.analysed).toBe(0);
    // One purchase each and nobody with two: no silent score, so neither silent nor active.
    expect((await report("flagged=in&customer=silent:active")).counts.analysed).toBe(0);
    expect(all.counts.analysed).toBeGreaterThan(4);
  });

  it("names a customer filter it cannot read", async () => {
    const bad = await report("customer=tier:diamond");
    expect(bad.ignored).toContain("customer");
    expect(bad.options.customer).toBeUndefined();
  });

  it("puts each account on the key-account matrix with its CLV, its respondents and its type", async () => {
    const { keyAccounts } = await report("flagged=in");
    expect(keyAccounts?.basis).toBe("clv");
    const [acme, birchwood] = keyAccounts!.accounts;
    expect([acme!.id, acme!.attractiveness, acme!.n]).toEqual(["Acme", 300, 2]);
    expect([birchwood!.id, birchwood!.attractiveness, birchwood!.n]).toEqual(["Birchwood", 100, 2]);
    // Median attractiveness (300 + 100) / 2 = 200: Acme is attractive, Birchwood is not; V >= 100 is the high advantage.
    expect(keyAccounts!.attractivenessThreshold).toBe(200);
    for (const account of [acme!, birchwood!]) {
      expect(account.value).not.toBeNull();
      const high = account.value! >= 100;
      expect(account.type).toBe(account.id === "Acme" ? (high ? "key-account" : "develop") : high ? "maintain" : "opportunistic");
    }
  });
});
