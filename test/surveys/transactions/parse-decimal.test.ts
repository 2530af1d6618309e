import { describe, it, expect } from "vitest";
import { parseDecimal, parseMarginRate } from "../../../surveys";

const value = (text: string, separator: "." | "," | "auto" = "auto") => {
  const parsed = parseDecimal(text, separator);
  return parsed.ok ? parsed.value : parsed.reason;
};

describe("parseDecimal", () => {
  it("reads both decimal separators with thousands separators", () => {
    expect(value("1.234,56")).toBe(1234.56);
    expect(value("1,234.56")).toBe(1234.56);
    expect(value("1234,5")).toBe(1234.5);
    expect(value("1234.5")).toBe(1234.5);
    expect(value("12,50")).toBe(12.5);
    expect(value("1.234.567,89")).toBe(1234567.89);
    expect(value("1 234,56")).toBe(1234.56);
    expect(value("1\u00a0234\u00a0567")).toBe(1234567);
    expect(value("1'234.50")).toBe(1234.5);
    expect(value("0,125")).toBe(0.125);
    expect(value("42")).toBe(42);
  });

  it("reads a repeated separator as thousands", () => {
    expect(value("1.234.567")).toBe(1234567);
    expect(value("1,234,567")).toBe(1234567);
  });

  it("reads signs, accounting parentheses and a currency symbol", () => {
    expect(value("-12.50")).toBe(-12.5);
    expect(value("−12,50")).toBe(-12.5);
    expect(value("(1,234.50)")).toBe(-1234.5);
    expect(value("$1,234.56")).toBe(1234.56);
    expect(value("-$5.5")).toBe(-5.5);
    expect(value("€ -5,5")).toBe(-5.5);
    expect(value("12,50 €")).toBe(12.5);
    expect(value("¥1234")).toBe(1234);
  });

  it("refuses to guess a single separator before exactly three digits", () => {
    expect(value("1,234")).toBe("ambiguous-number");
    expect(value("1.234")).toBe("ambiguous-number");
    expect(value("-123.456")).toBe("ambiguous-number");
  });

  it("reads that separator by a declared decimal separator", () => {
    expect(value("1,234", ".")).toBe(1234);
    expect(value("1,234", ",")).toBe(1.234);
    expect(value("1.234", ",")).toBe(1234);
    expect(value("1.234,5", ",")).toBe(1234.5);
  });

  it("refuses numbers that do not fit the declared separator", () => {
    // With "." decimal, "," groups thousands and "5" is no group of three.
    expect(value("1,5", ".")).toBe("invalid-number");
    expect(value("1.234,5", ".")).toBe("invalid-number");
    expect(value("1,234,5", ",")).toBe("invalid-number");
  });

  it("refuses malformed numbers", () => {
    for (const text of ["", "abc", "1,2,3", "12.34.5", "1.234,567.8", "1 23,5", "12345,678.9", "1e5", ".5", "5.", "1  234", "--5", "12 USD"]) {
      expect(value(text)).toBe("invalid-number");
    }
  });

  it("says which decimal separator the text showed", () => {
    expect(parseDecimal("1.234,56", "auto")).toMatchObject({ decimal: "," });
    expect(parseDecimal("1,234,567", "auto")).toMatchObject({ decimal: "." });
    expect(parseDecimal("12.5", "auto")).toMatchObject({ decimal: "." });
    expect(parseDecimal("1 234", "auto")).toMatchObject({ decimal: null });
    expect(parseDecimal("12.5", ".")).toMatchObject({ decimal: null });
  });
});

describe("parseMarginRate", () => {
  const rate = (text: string) => {
    const parsed = parseMarginRate(text, "auto");
    return parsed.ok ? parsed.value : parsed.reason;
  };

  it("reads a fraction or a percentage", () => {
    expect(rate("0.3")).toBe(0.3);
    expect(rate("0,25")).toBe(0.25);
    expect(rate("30%")).toBe(0.3);
    expect(rate("12,5 %")).toBe(0.125);
    expect(rate("-20%")).toBe(-0.2);
  });

  it("refuses a rate above 100 % or a percentage without its sign", () => {
    expect(rate("30")).toBe("rate-out-of-range");
    expect(rate("150%")).toBe("rate-out-of-range");
    expect(rate("-1.5")).toBe("rate-out-of-range");
  });
});
