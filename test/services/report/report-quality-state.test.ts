import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analysisFlags, type AnalysisRespondent } from "../../../db/queries/analysis-respondents";
import { qualityOf } from "../../../app/lib/report/report-quality-state.server";

/**
 * Issue 23: the report's store catches the data-quality flags up by difference when responses
 * complete (report-quality-state.server.ts) instead of flagging every respondent again. The
 * flags must equal `flagResponses` over all of them (through `analysisFlags`, what a fresh read
 * gives), whatever the order and batches the responses arrive in.
 */
const START = Date.UTC(2026, 10, 1);

function respondent(id: number, seconds: number, over: Partial<AnalysisRespondent> = {}): AnalysisRespondent {
  const completedAt = START + id * 60_000;
  return {
    id,
    clientId: `c${id}`,
    questionnaireVersion: 1,
    wave: 1,
    locale: "en",
    qualityShare: 50,
    weights: { a: 50, b: 50 },
    ratings: { own: { a: 7, b: 5, c: 8 }, rival: { a: 6, b: 6, c: 4 } },
    known: ["own", "rival"],
    overall: {},
    worth: {},
    chose: null,
    considered: [],
    profile: {},
    maxDiff: [],
    prices: null,
    ladder: [],
    deviceId: null,
    invitationId: null,
    customerId: null,
    review: null,
    startedAt: completedAt - seconds * 1000,
    completedAt,
    minDurationMs: null,
    flags: [],
    ...over,
  };
}

/** The store's way: the first batch flagged in one go, each later batch added to the state. */
function caughtUp(batches: AnalysisRespondent[][]): AnalysisRespondent[] {
  const { quality, flagged } = qualityOf(batches[0] ?? [], "own");
  let held = flagged;
  for (const fresh of batches.slice(1)) {
    const next = [...held, ...fresh].sort((a, b) => a.id - b.id);
    quality.add(next, fresh);
    held = next;
  }
  return held;
}

const flagsOf = (list: AnalysisRespondent[]) => Object.fromEntries(list.map((r) => [r.id, r.flags]));

describe("the held quality flags (issue 23)", () => {
  it("flags an earlier response a speeder once slower responses raise the median (worked example)", () => {
    // 120 s, then 300 s three times: median 300 s, a third of it 100 s: 120 s is no speeder.
    const first = [respondent(1, 120), respondent(2, 300), respondent(3, 300), respondent(4, 300)];
    const before = caughtUp([first]);
    expect(before[0]!.flags).toEqual([]);
    // Four more at 900 s: times 120, 300, 300, 300, 900, 900, 900, 900; median (300 + 900) / 2 =
    // 600 s, a third 200 s: 120 s is now a speeder, 300 s still not.
    const slower = [5, 6, 7, 8].map((id) => respondent(id, 900));
    const after = caughtUp([first, slower]);
    expect(after[0]!.flags).toEqual(["speeder"]);
    expect(after.slice(1).every((r) => r.flags.length === 0)).toBe(true);
    // The respondent whose flags changed is a new object; the others are the ones held before.
    expect(after[0]).not.toBe(first[0]);
    expect(after[1]).toBe(first[1]);
  });

  it("moves the duplicate flag to the response an earlier original displaces", () => {
    // Response 5 completes on device "x" after response 9 (completed at minute 9) was read, but
    // its completion is earlier (minute 5): 5 is the original, 9 the duplicate.
    const held = caughtUp([[respondent(9, 300, { deviceId: "x" })], [respondent(5, 300, { deviceId: "x" })]]);
    expect(held.map((r) => [r.id, r.flags])).toEqual([
      [5, []],
      [9, ["duplicate"]],
    ]);
  });

  it("equals flagging every respondent afresh, for any arrival in batches", () => {
    const arb = fc.array(
      fc.record({
        seconds: fc.integer({ min: 1, max: 1200 }),
        device: fc.constantFrom("d1", "d2", "d3", null, null),
        invitation: fc.constantFrom(1, 2, null, null, null),
        minimum: fc.constantFrom(null, null, 60_000),
        shift: fc.integer({ min: -120, max: 120 }),
        knowsRival: fc.boolean(),
        batch: fc.integer({ min: 0, max: 4 }),
      }),
      { minLength: 1, maxLength: 40 },
    );
    fc.assert(
      fc.property(arb, (rows) => {
        const all = rows.map((r, i) =>
          respondent(i + 1, r.seconds, {
            deviceId: r.device,
            invitationId: r.invitation,
            minDurationMs: r.minimum,
            // completion instants out of id order (a lower id completing later), ties included
            completedAt: START + (i + 1 + Math.trunc(r.shift / 60)) * 60_000,
            startedAt: START + (i + 1 + Math.trunc(r.shift / 60)) * 60_000 - r.seconds * 1000,
            known: r.knowsRival ? ["own", "rival"] : ["own"],
          }),
        );
        const batches: AnalysisRespondent[][] = [[], [], [], [], []];
        all.forEach((r, i) => batches[rows[i]!.batch]!.push(r));
        const expected = analysisFlags(all, "own");
        const held = caughtUp(batches.filter((b, i) => i === 0 || b.length > 0));
        expect(flagsOf(held)).toEqual(Object.fromEntries(all.map((r) => [r.id, expected.get(String(r.id))])));
      }),
      { numRuns: 300, seed: 23 },
    );
  });
});
