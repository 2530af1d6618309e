import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAuditEvents } from "../../../db/queries/audit";
import { listWaveShares } from "../../../db/queries/market-data";
import { listScenarios } from "../../../db/queries/scenarios";
import { listOffers } from "../../../db/queries/studies";
import { loadReport, reportCache } from "../../../app/lib/report/report.server";
import { saveStudyPrices, saveStudyWaveShares } from "../../../app/lib/report/market-data.server";
import { loadScenarioPage, parseScenarioPageQuery, type ScenarioPageOptions } from "../../../app/lib/report/scenario-page.server";
import { deleteStudyScenario, saveStudyScenario } from "../../../app/lib/report/scenario-store.server";
import { shareReplicates } from "../../../app/lib/report/share-of-preference.server";
import { demoDb } from "../demo-db";

/**
 * The scenario page's services on the seeded demo (three offers aster (own), birch, cedar; five
 * quality and three price attributes; 64 respondents in waves 1 and 2; prices 549, 499, 379;
 * shares per wave 32/42/26 and 34/41/25), called directly without a build or a server.
 */
let demo: Awaited<ReturnType<typeof demoDb>>;
let userId = 0;
beforeAll(async () => {
  demo = await demoDb();
  userId = (await demo.db.rows<{ id: number }>(sql`select id from users order by id limit 1`))[0]!.id;
});
afterAll(() => demo.cleanup());

const page = (params = "") => parseScenarioPageQuery(new URLSearchParams(params), demo.study);
const load = (options: ScenarioPageOptions, locale: "en" | "zh-CN" = "en") => loadScenarioPage(demo.db, demo.study, locale, options);

describe("saved scenarios (service)", () => {
  it("saves a scenario with an audit event naming its changes, and replaces it when saved again under its name", async () => {
    const scenario = { name: "Reliability up", changes: [{ offer: "aster", attribute: "reliability", delta: 0.5 }], respond: [{ competitor: "birch", copies: "aster" }] };
    const first = await saveStudyScenario(demo.db, demo.study, userId, scenario, 1_000);
    expect(first).toMatchObject({ ok: true, created: true });
    const again = await saveStudyScenario(demo.db, demo.study, userId, { ...scenario, changes: [{ offer: "aster", attribute: "reliability", delta: 1 }] }, 2_000);
    expect(again).toMatchObject({ ok: true, created: false });
    const rows = (await listScenarios(demo.db, demo.study.id)).filter((r) => r.name === "Reliability up");
    expect(rows.map((r) => JSON.parse(r.changesJson))).toEqual([[{ offer: "aster", attribute: "reliability", delta: 1 }]]);
    const audit = (await listAuditEvents(demo.db, { studyId: demo.study.id, limit: 5 })).filter((e) => e.action === "scenario.save");
    expect(audit.map((e) => e.detail)).toEqual([
      "Reliability up: aster reliability +1; birch copies aster",
      "Reliability up: aster reliability +0.5; birch copies aster",
    ]);
  });

  it("refuses a scenario naming an offer or attribute the study does not have, and stores nothing", async () => {
    const before = await listScenarios(demo.db, demo.study.id);
    const result = await saveStudyScenario(demo.db, demo.study, userId, {
      name: "Ghosts",
      changes: [
        { offer: "oak", attribute: "reliability", delta: 1 },
        { offer: "aster", attribute: "warp-drive", value: 9 },
      ],
      respond: [{ competitor: "birch", copies: "elm" }],
    });
    expect(result).toEqual({
      ok: false,
      problems: [
        { list: "changes", index: 0, field: "offer", message: "scenarios.error.offer" },
        { list: "changes", index: 1, field: "target", message: "scenarios.error.attribute" },
        { list: "respond", index: 0, field: "copies", message: "scenarios.error.offer" },
      ],
    });
    expect(await listScenarios(demo.db, demo.study.id)).toEqual(before);
  });

  it("deletes a scenario of the study with an audit event, and says false for one that is not there", async () => {
    const saved = await saveStudyScenario(demo.db, demo.study, userId, { name: "Short-lived", changes: [{ offer: "birch", priceFactor: 0.9 }] });
    if (!saved.ok) throw new Error("not saved");
    expect(await deleteStudyScenario(demo.db, demo.study, userId, saved.id)).toBe(true);
    expect(await deleteStudyScenario(demo.db, demo.study, userId, saved.id)).toBe(false);
    const [last] = await listAuditEvents(demo.db, { studyId: demo.study.id, limit: 1 });
    expect([last?.action, last?.detail]).toEqual(["scenario.delete", "Short-lived"]);
  });
});

describe("the scenario page (service)", () => {
  it("starts from the report's own map: the same Q and RP for every offer", async () => {
    reportCache.clear();
    const report = await loadReport(demo.db, demo.study, "en", page().report);
    const view = await load(page());
    const map = report.analysis?.valueMap;
    if (!map?.ok || !view.base.ok) throw new Error("no map");
    expect(view.base.points.map((p) => [p.offerId, p.quality, p.relativePrice])).toEqual(map.points.map((p) => [p.offer, p.quality, p.relativePrice]));
  });

  it("moves the own offer's Q by exactly w_i · Δ / m_ref,i for one change on one attribute (the report's own weight and means)", async () => {
    const saved = await saveStudyScenario(demo.db, demo.study, userId, { name: "Taste +1", changes: [{ offer: "aster", attribute: "taste", delta: 1 }] });
    if (!saved.ok) throw new Error("not saved");
    const report = await loadReport(demo.db, demo.study, "en", page().report);
    const a = report.analysis!;
    if ("ok" in a.weights) throw new Error("no weights");
    // m_ref = the unweighted mean of the competitors' mean taste scores (rest of the market).
    const mRef = (a.means.means.birch!.taste! + a.means.means.cedar!.taste!) / 2;
    const expected = (a.weights.weights.taste! * 1) / mRef;
    const view = await load(page(`compare=${saved.id}`));
    const shown = view.shown[0]!;
    if (!shown.result.ok) throw new Error(shown.result.reason);
    const q = shown.result.movements.find((m) => m.offer === "aster" && m.code === "quality");
    expect(q && "change" in q ? q.change : null).toBeCloseTo(expected, 10);
    // The competitors' points move too (their reference holds aster), never their own means.
    expect(shown.result.movements.some((m) => m.offer === "birch" && m.code === "quality")).toBe(true);
  });

  it("gives the own fair price from the line and the competitors' mean price, and the one-click scenario puts the own offer on the line (actual prices)", async () => {
    const view = await load(page("basis=prices&try=fair-price"));
    expect(view.basis).toBe("prices");
    const fair = view.fairPrice;
    if (!fair?.ok || !fair.prices.ok || !view.base.ok) throw new Error("no fair price");
    // fair = (intercept + slope · Q_aster) / 100 · mean(499, 379)
    const line = view.base.line;
    expect(fair.prices.fair).toBeCloseTo(((line.intercept + line.slope * fair.quality) / 100) * 439, 9);
    expect(fair.prices.actual).toBe(549);
    const tried = view.shown.find((s) => s.key === "fair-price")!;
    expect(tried.scenario.changes).toEqual([{ offer: "aster", priceFactor: fair.prices.fair / 549 }]);
    if (!tried.result.ok) throw new Error(tried.result.reason);
    const aster = tried.result.comparison.find((c) => c.offer === "aster")!;
    if (!aster.scenario.ok) throw new Error("off the map");
    expect(aster.scenario.verticalValue).toBeCloseTo(0, 9);
    expect(aster.scenario.price).toBeCloseTo(fair.prices.fair, 9);
  });

  it("falls back to the report's price satisfaction when an offer has no price; the fair price uses the competitors that have one", async () => {
    const birch = (await listOffers(demo.db, demo.study.id)).find((o) => o.code === "birch")!;
    await saveStudyPrices(demo.db, demo.study, userId, { aster: 549, cedar: 379 });
    try {
      const view = await load(page("basis=prices&try=fair-price"));
      expect(view.basis).toBe("price-profile");
      expect(view.pricesComplete).toBe(false);
      expect(view.fairPrice?.ok && view.fairPrice.prices).toEqual({ ok: true, actual: 549, referencePrice: 379, referenceIds: ["cedar"], fair: expect.any(Number), gap: expect.any(Number), gapPercent: expect.any(Number) });
      expect(birch.price).toBe(499);
    } finally {
      await saveStudyPrices(demo.db, demo.study, userId, { aster: 549, birch: 499, cedar: 379 });
    }
  });

  it("fits β on the last purchases and gives base shares that sum to 100, each inside its interval", async () => {
    const view = await load(page());
    if (!view.shareModel.ok || !view.baseShares?.ok) throw new Error("no shares");
    expect(view.shareModel.fit.method).toBe("maximum-likelihood");
    // Every offer has a current share (34/41/25): predicted against entered, entered normalised to 100.
    expect(view.shareModel.predictions?.map((p) => [p.offer, p.entered])).toEqual([
      ["aster", 34],
      ["birch", 41],
      ["cedar", 25],
    ]);
    const total = view.baseShares.offers.reduce((s, o) => s + o.base.estimate, 0);
    expect(total).toBeCloseTo(100, 9);
    for (const o of view.baseShares.offers) {
      expect(o.base.lower).toBeLessThanOrEqual(o.base.estimate);
      expect(o.base.upper).toBeGreaterThanOrEqual(o.base.estimate);
    }
    expect(view.baseShares.replicates).toBe(1000);
  });

  it("says value leads share needs 3 waves while the demo has 2, then fits it once a third wave's shares are entered", async () => {
    const before = await load(page());
    expect(before.valueLeads.result).toEqual({ ok: false, reason: "too-few-waves", have: 2, need: 3 });
    expect(before.valueLeads.withShares).toEqual([1, 2]);
    await saveStudyWaveShares(demo.db, demo.study, userId, [{ wave: 3, shares: { aster: 37, birch: 39, cedar: 24 } }]);
    expect((await listWaveShares(demo.db, demo.study.id)).filter((r) => r.wave === 3).map((r) => r.share)).toEqual([37, 39, 24]);
    const after = await load(page());
    expect(after.valueLeads.waves).toEqual([1, 2, 3]);
    // Pairs: waves 1→2 and 2→3 for each of the three offers; wave 3 has no respondents, so no pair starts there.
    expect(after.valueLeads.points.map((p) => [p.offer, p.wave, p.next, p.change])).toEqual([
      ["aster", 1, 2, 34 - 32],
      ["birch", 1, 2, 41 - 42],
      ["cedar", 1, 2, 25 - 26],
      ["aster", 2, 3, 37 - 34],
      ["birch", 2, 3, 39 - 41],
      ["cedar", 2, 3, 24 - 25],
    ]);
    // Wave 2's values are the report's own vertical values when it is filtered to wave 2.
    const wave2 = await loadReport(demo.db, demo.study, "en", { ...page().report, wave: 2 });
    const map = wave2.analysis?.valueMap;
    if (!map?.ok) throw new Error("no wave 2 map");
    for (const p of after.valueLeads.points.filter((x) => x.wave === 2)) {
      expect(p.value).toBeCloseTo(map.points.find((m) => m.offer === p.offer)!.value, 9);
    }
    expect(after.valueLeads.result.ok && after.valueLeads.result.n).toBe(6);
  });

  it("bootstraps the shares with 1000 replicates up to 1000 respondents, then 10⁶ / n, at least 200", () => {
    expect([shareReplicates(57), shareReplicates(1000), shareReplicates(2000), shareReplicates(4000), shareReplicates(10_000)]).toEqual([1000, 1000, 500, 250, 200]);
  });
});
