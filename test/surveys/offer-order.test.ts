import { describe, expect, it } from "vitest";
import { offerOrder } from "../../surveys/offer-order";

const CODES = ["alpha", "beta", "gamma", "delta"] as const;

describe("offerOrder", () => {
  it("gives the same order for the same seed", () => {
    expect(offerOrder(CODES, "respondent-42")).toEqual(offerOrder(CODES, "respondent-42"));
  });

  it("returns a permutation of the input", () => {
    expect([...offerOrder(CODES, "respondent-7")].sort()).toEqual(["alpha", "beta", "delta", "gamma"]);
  });

  it("returns a permutation for each of 20 seeds", () => {
    const sorted = Array.from({ length: 20 }, (_, i) => [...offerOrder(CODES, `seed-${i}`)].sort().join(","));
    expect(new Set(sorted)).toEqual(new Set(["alpha,beta,delta,gamma"]));
  });

  it("gives at least two distinct orders over 20 seeds", () => {
    const orders = new Set(Array.from({ length: 20 }, (_, i) => offerOrder(CODES, `seed-${i}`).join(",")));
    expect(orders.size).toBeGreaterThanOrEqual(2);
  });

  it("does not change the input array", () => {
    const input = ["alpha", "beta", "gamma"];
    offerOrder(input, "respondent-1");
    expect(input).toEqual(["alpha", "beta", "gamma"]);
  });

  it("returns an empty list for no offers", () => {
    expect(offerOrder([], "x")).toEqual([]);
  });

  it("returns the only offer for one offer", () => {
    expect(offerOrder(["alpha"], "x")).toEqual(["alpha"]);
  });
});
