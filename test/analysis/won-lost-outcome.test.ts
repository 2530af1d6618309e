import { describe, expect, it } from "vitest";
import { wonLostOutcome } from "../../analysis";

// The rule of analysis/won-lost-outcome.ts (docs/analysis-format.md "Won and lost"), case by case.
describe("wonLostOutcome", () => {
  it("is won when the own offer was bought, whatever was considered", () => {
    expect(wonLostOutcome({ chose: "own", considered: ["own"] }, "own")).toBe("won");
    expect(wonLostOutcome({ chose: "own" }, "own")).toBe("won");
  });

  it("is lost when a competitor was bought after considering the own offer", () => {
    expect(wonLostOutcome({ chose: "comp", considered: ["comp", "own"] }, "own")).toBe("lost");
  });

  it("is bought-competitor-without-considering-own when the set given lacks the own offer", () => {
    // "I only considered what I bought": the set is the bought offer alone.
    expect(wonLostOutcome({ chose: "comp", considered: ["comp"] }, "own")).toBe("bought-competitor-without-considering-own");
    expect(wonLostOutcome({ chose: "comp", considered: ["comp", "other"] }, "own")).toBe("bought-competitor-without-considering-own");
  });

  it("is bought-competitor-consideration-unknown when a competitor was bought and no set was given", () => {
    expect(wonLostOutcome({ chose: "comp" }, "own")).toBe("bought-competitor-consideration-unknown");
    expect(wonLostOutcome({ chose: "comp", considered: [] }, "own")).toBe("bought-competitor-consideration-unknown");
  });

  it("is no-purchase without a purchase, even with offers considered", () => {
    expect(wonLostOutcome({}, "own")).toBe("no-purchase");
    expect(wonLostOutcome({ considered: ["own", "comp"] }, "own")).toBe("no-purchase");
  });
});
