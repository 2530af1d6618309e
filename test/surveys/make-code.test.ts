import { describe, expect, it } from "vitest";
import { makeCode } from "../../surveys/make-code";
import { CodeSchema } from "../../surveys/study-definition";

const none = new Set<string>();

describe("makeCode", () => {
  it("joins the words of a name with underscores", () => {
    expect(makeCode("Battery replacement cost", "attr1", none)).toBe("battery_replacement_cost");
    expect(makeCode("How do you mainly use your scooter?", "q1", none)).toBe("how_do_you_mainly_use_your_scooter");
    expect(makeCode("Waterproofing (IP rating)", "attr1", none)).toBe("waterproofing_ip_rating");
  });

  it("drops accents and leading digits, and falls back when nothing is left (a Chinese name)", () => {
    expect(makeCode("Cafés", "c1", none)).toBe("cafes");
    expect(makeCode("24h service", "attr1", none)).toBe("h_service");
    expect(makeCode("2 3", "attr7", none)).toBe("attr7");
    expect(makeCode("防水性能", "attr7", none)).toBe("attr7");
  });

  it("cuts a long name at a word boundary so the code and a suffix fit 40 characters", () => {
    const code = makeCode("the quick brown fox jumps over the lazy dog again and again", "x", none);
    // 37 is the longest base (40 less room for "_2"): "the_quick_brown_fox_jumps_over_the" is 34; adding "_lazy" makes 39.
    expect(code).toBe("the_quick_brown_fox_jumps_over_the");
    expect(makeCode("a".repeat(60), "x", none)).toBe("a".repeat(37));
  });

  it("appends _2, _3 while the code is taken", () => {
    expect(makeCode("Kestrel", "offer1", new Set(["kestrel"]))).toBe("kestrel_2");
    expect(makeCode("Kestrel", "offer1", new Set(["kestrel", "kestrel_2"]))).toBe("kestrel_3");
  });

  it("makes codes the schema accepts", () => {
    for (const name of ["Battery replacement cost", "Cafés", "防水性能", "--x--", "a".repeat(80), "Ünïcödé  spaces   everywhere"]) {
      expect(CodeSchema.safeParse(makeCode(name, "fallback", none)).success).toBe(true);
    }
  });
});

describe("CodeSchema", () => {
  it("accepts snake_case and the codes of earlier studies, refuses doubled, leading or trailing underscores", () => {
    for (const ok of ["battery_replacement_cost", "kestrelk12", "a", "a1_b2"]) expect(CodeSchema.safeParse(ok).success).toBe(true);
    for (const bad of ["a__b", "_a", "a_", "1a", "A", "a-b", "a".repeat(41)]) expect(CodeSchema.safeParse(bad).success).toBe(false);
  });
});
