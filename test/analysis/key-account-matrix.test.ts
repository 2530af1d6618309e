import { describe, it, expect } from "vitest";
import { keyAccountMatrix } from "../../analysis";
import { ok } from "./helpers";

const accounts = [
  { id: "a", value: 112, attractiveness: 500 },
  { id: "b", value: 95, attractiveness: 800 },
  { id: "c", value: 104, attractiveness: 100 },
  { id: "d", value: 90, attractiveness: 50 },
];

describe("keyAccountMatrix", () => {
  const result = ok(keyAccountMatrix({ accounts }));

  it("defaults the attractiveness threshold to the median (mean of the two middle values)", () => {
    // Hand calculation: sorted 50, 100, 500, 800 -> (100 + 500) / 2 = 300.
    expect(result.attractivenessThreshold).toBe(300);
  });

  it("defaults the value threshold to 100 (parity)", () => {
    expect(result.valueThreshold).toBe(100);
  });

  it("types the four quadrants", () => {
    // a: 500 >= 300, 112 >= 100; b: 800, 95; c: 100 < 300, 104; d: 50, 90.
    expect(result.accounts.map((x) => [x.id, x.type])).toEqual([
      ["a", "key-account"],
      ["b", "develop"],
      ["c", "maintain"],
      ["d", "opportunistic"],
    ]);
  });

  it("counts the accounts per type", () => {
    expect(result.counts).toEqual({ "key-account": 1, develop: 1, maintain: 1, opportunistic: 1 });
  });

  it("puts a value equal to the threshold on the high-advantage side", () => {
    const tie = ok(keyAccountMatrix({ accounts: [{ id: "x", value: 100, attractiveness: 10 }], attractivenessThreshold: 20 }));
    expect(tie.accounts[0]?.type).toBe("maintain");
  });

  it("puts attractiveness equal to the median on the high side", () => {
    // Median of 10, 20, 30 is 20: the account with 20 is high, and value 90 < 100 makes it develop.
    const tie = ok(
      keyAccountMatrix({
        accounts: [
          { id: "x", value: 90, attractiveness: 10 },
          { id: "y", value: 90, attractiveness: 20 },
          { id: "z", value: 90, attractiveness: 30 },
        ],
      }),
    );
    expect(tie.accounts.map((x) => x.type)).toEqual(["opportunistic", "develop", "develop"]);
  });

  it("makes a single account its own median (n = 1)", () => {
    const one = ok(keyAccountMatrix({ accounts: [{ id: "x", value: 105, attractiveness: 7 }] }));
    expect(one.accounts[0]?.type).toBe("key-account");
  });

  it("puts every account on the high side when all attractiveness values are equal", () => {
    const flat = ok(
      keyAccountMatrix({
        accounts: [
          { id: "x", value: 90, attractiveness: 5 },
          { id: "y", value: 110, attractiveness: 5 },
        ],
      }),
    );
    expect(flat.accounts.map((x) => x.type)).toEqual(["develop", "key-account"]);
  });

  it("uses a given value threshold", () => {
    const strict = ok(keyAccountMatrix({ accounts, valueThreshold: 110 }));
    expect(strict.accounts.find((x) => x.id === "c")?.type).toBe("opportunistic");
  });

  it("returns no-accounts without accounts", () => {
    expect(keyAccountMatrix({ accounts: [] })).toEqual({ ok: false, reason: "no-accounts" });
  });

  it("returns duplicate-account for an id given twice", () => {
    expect(keyAccountMatrix({ accounts: [accounts[0]!, accounts[0]!] })).toEqual({ ok: false, reason: "duplicate-account" });
  });

  it("returns not-finite for an account value that is not finite", () => {
    expect(keyAccountMatrix({ accounts: [{ id: "x", value: Number.NaN, attractiveness: 1 }] })).toEqual({
      ok: false,
      reason: "not-finite",
    });
  });

  it("returns invalid-threshold for a threshold that is not finite", () => {
    expect(keyAccountMatrix({ accounts, valueThreshold: Number.POSITIVE_INFINITY })).toEqual({
      ok: false,
      reason: "invalid-threshold",
    });
  });
});
