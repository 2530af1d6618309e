import { describe, it, expect } from "vitest";
import { bootstrapIntervals } from "../../analysis";
import type { BootstrapInterval, BootstrapIntervalsResult, RespondentInput } from "../../analysis";
import { attributes, offers, respondents } from "./fixtures/worked-example";
import { ok } from "./helpers";

/** Every interval of a result, named by where it sits. */
function intervals(result: Extract<BootstrapIntervalsResult, { ok: true }>): Array<[string, BootstrapInterval]> {
  const figures = (prefix: string, f: { quality: BootstrapInterval; satisfaction: BootstrapInterval; relativePrice: BootstrapInterval; value: BootstrapInterval }) =>
    (["quality", "satisfaction", "relativePrice", "value"] as const).map((k): [string, BootstrapInterval] => [`${prefix}.${k}`, f[k]]);
  return [
    ...Object.entries(result.offers).flatMap(([id, f]) => figures(`offers.${id}`, f)),
    ...figures("own", result.own),
    ...Object.entries(result.own.ratios).map(([id, i]): [string, BootstrapInterval] => [`own.ratios.${id}`, i]),
  ];
}

const base = { respondents, offers, attributes };
const run = (extra: Partial<Parameters<typeof bootstrapIntervals>[0]> = {}) =>
  ok(bootstrapIntervals({ ...base, replicates: 200, ...extra }));

describe("bootstrapIntervals", () => {
  it("uses 1000 replicates, seed 1 and a 95 % level by default", () => {
    const result = ok(bootstrapIntervals(base));
    expect([result.replicates, result.seed, result.level, result.n]).toEqual([1000, 1, 0.95, 4]);
  });

  it("gives the full-sample figures as estimates (method.md worked example: Q 117.254, S 92.9231, RP 107.6159, V 107.5216)", () => {
    const own = run().own;
    const estimates = [own.quality, own.satisfaction, own.relativePrice, own.value].map((i) => ok(i).estimate);
    expect(estimates[0]).toBeCloseTo(117.254, 4);
    expect(estimates[1]).toBeCloseTo(92.9231, 4);
    expect(estimates[2]).toBeCloseTo(107.6159, 4);
    expect(estimates[3]).toBeCloseTo(107.5216, 4);
  });

  it("gives the own ratios as estimates (method.md worked example: 1.2692, 1.0244, 1.3421, 0.8; price 0.8, 1.2308)", () => {
    const ratios = run().own.ratios;
    const values = ["reliability", "comfort", "service", "styling", "purchase", "running"].map((id) => ok(ratios[id] as BootstrapInterval).estimate);
    [1.2692, 1.0244, 1.3421, 0.8, 0.8, 1.2308].forEach((expected, k) => expect(values[k]).toBeCloseTo(expected, 4));
  });

  it("gives identical intervals for the same seed", () => {
    expect(run({ seed: 42 })).toEqual(run({ seed: 42 }));
  });

  it("gives different intervals for a different seed", () => {
    const a = intervals(run({ seed: 1 })).map(([, i]) => (i.ok ? [i.lower, i.upper] : null));
    const b = intervals(run({ seed: 2 })).map(([, i]) => (i.ok ? [i.lower, i.upper] : null));
    expect(a).not.toEqual(b);
  });

  it("keeps lower <= estimate <= upper for every figure of the worked example", () => {
    const outside = intervals(ok(bootstrapIntervals(base)))
      .filter(([, i]) => !i.ok || !(i.lower <= i.estimate && i.estimate <= i.upper))
      .map(([name]) => name);
    expect(outside).toEqual([]);
  });

  it("collapses every interval to the point when all respondents are identical", () => {
    const r1 = respondents[0] as RespondentInput;
    const clones = [1, 2, 3, 4, 5].map((k) => ({ ...r1, id: `c${k}` }));
    const widths = intervals(run({ respondents: clones })).map(([name, i]) => [name, ok(i).upper - ok(i).lower, ok(i).estimate - ok(i).lower]);
    expect(widths.filter(([, w, d]) => w !== 0 || d !== 0)).toEqual([]);
  });

  it("honours the number of replicates", () => {
    const result = run({ replicates: 37 });
    expect(result.replicates).toBe(37);
    expect(intervals(result).map(([, i]) => i.replicates + i.failed)).toEqual(intervals(result).map(() => 37));
  });

  it("counts no failed replicate when every replicate can compute the figure", () => {
    // Every offer is known by at least 3 of the 4 respondents; a replicate misses all of them
    // with probability (1/4)^4 per offer, and with seed 1 none of the 37 replicates does.
    const own = run({ replicates: 37 }).own;
    expect([own.quality.replicates, own.quality.failed]).toEqual([37, 0]);
  });

  it("counts and excludes replicates where a figure cannot be computed", () => {
    // Offer "b" is rated by 1 of 3 respondents: a replicate misses it with probability
    // (2/3)^3 = 0.296, so about 30 % of the replicates fail for b's figures.
    const result = ok(
      bootstrapIntervals({
        respondents: [
          { id: "1", weights: { x: 1 }, ratings: { a: { x: 6 }, b: { x: 5 } } },
          { id: "2", weights: { x: 1 }, ratings: { a: { x: 7 } } },
          { id: "3", weights: { x: 1 }, ratings: { a: { x: 8 } } },
        ],
        offers: [
          { id: "a", own: true },
          { id: "b", own: false },
        ],
        attributes: [{ id: "x", kind: "quality" }],
        replicates: 300,
        minUsedShare: 0.5,
      }),
    );
    const q = ok(result.own.quality);
    expect(q.failed).toBeGreaterThan(0);
    expect(q.replicates + q.failed).toBe(300);
  });

  it("says too-few-replicates when fewer than 90 % of the replicates give the figure", () => {
    const result = ok(
      bootstrapIntervals({
        respondents: [
          { id: "1", weights: { x: 1 }, ratings: { a: { x: 6 }, b: { x: 5 } } },
          { id: "2", weights: { x: 1 }, ratings: { a: { x: 7 } } },
          { id: "3", weights: { x: 1 }, ratings: { a: { x: 8 } } },
        ],
        offers: [
          { id: "a", own: true },
          { id: "b", own: false },
        ],
        attributes: [{ id: "x", kind: "quality" }],
        replicates: 300,
      }),
    );
    expect(result.own.quality).toMatchObject({ ok: false, reason: "too-few-replicates" });
  });

  it("gives the estimate's reason when the full-sample figure cannot be computed", () => {
    // No price attributes: S, RP and V have no attributes to work on.
    const quality = attributes.filter((a) => a.kind === "quality");
    const own = run({ attributes: quality }).own;
    expect(own.satisfaction).toMatchObject({ ok: false, reason: "no-attributes" });
  });

  it("refuses a single respondent", () => {
    expect(bootstrapIntervals({ ...base, respondents: respondents.slice(0, 1) })).toEqual({ ok: false, reason: "too-few-respondents" });
  });

  it("refuses replicates that are not a whole number of at least 1", () => {
    expect(bootstrapIntervals({ ...base, replicates: 0 })).toEqual({ ok: false, reason: "invalid-replicates" });
    expect(bootstrapIntervals({ ...base, replicates: 2.5 })).toEqual({ ok: false, reason: "invalid-replicates" });
  });

  it("refuses a seed that is not a 32-bit unsigned integer", () => {
    expect(bootstrapIntervals({ ...base, seed: -1 })).toEqual({ ok: false, reason: "invalid-seed" });
  });

  it("refuses a level outside (0, 1)", () => {
    expect(bootstrapIntervals({ ...base, level: 1 })).toEqual({ ok: false, reason: "invalid-level" });
  });

  it("says no-own-offer when no offer is marked own", () => {
    expect(bootstrapIntervals({ ...base, offers: offers.map((o) => ({ ...o, own: false })) })).toEqual({ ok: false, reason: "no-own-offer" });
  });

  it("narrows with a lower level", () => {
    const wide = ok(run({ level: 0.95 }).own.quality);
    const narrow = ok(run({ level: 0.5 }).own.quality);
    expect(narrow.upper - narrow.lower).toBeLessThan(wide.upper - wide.lower);
  });

  it("gives the own offer against the competitors the same interval as its map point", () => {
    const result = run();
    expect(result.own.quality).toEqual(result.offers.aster?.quality);
  });

  it("contains no NaN or Infinity", () => {
    const numbers = JSON.stringify(run(), (_, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? "BAD" : v));
    expect(numbers).not.toContain("BAD");
  });
});
