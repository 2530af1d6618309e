import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { parseDate, parseDecimal } from "../../../surveys";

const RUNS = { seed: 20250723, numRuns: 300 };

/** Writes cents as text by hand: thousands grouped by `group`, decimals after `decimal`. */
function write(cents: number, decimal: "." | ",", group: string): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+$)/g, group);
  return `${sign}${whole}${decimal}${String(abs % 100).padStart(2, "0")}`;
}

describe("transactions reader: properties", () => {
  it("reads back any amount written with two decimals in any convention", () => {
    const conventions = fc.constantFrom(
      { decimal: ".", group: "," },
      { decimal: ",", group: "." },
      { decimal: ",", group: " " },
      { decimal: ".", group: "'" },
      { decimal: ".", group: "" },
    ) as fc.Arbitrary<{ decimal: "." | ","; group: string }>;
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), conventions, (cents, { decimal, group }) => {
        const text = write(cents, decimal, group);
        // Two decimals always settle the separator by themselves; the declared one reads the same.
        for (const separator of ["auto", decimal] as const) {
          const parsed = parseDecimal(text, separator);
          expect(parsed.ok && Math.round(parsed.value * 100)).toBe(cents);
        }
      }),
      RUNS,
    );
  });

  it("reads any calendar date back from each written form", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60_000 }), (days) => {
        const iso = new Date(Date.UTC(1900, 0, 1) + days * 86_400_000).toISOString().slice(0, 10);
        const [y, m, d] = iso.split("-");
        expect(parseDate(iso, "auto")).toMatchObject({ ok: true, date: iso });
        expect(parseDate(`${y}/${m}/${d}`, "auto")).toMatchObject({ date: iso });
        expect(parseDate(`${d}.${m}.${y}`, "auto")).toMatchObject({ date: iso });
        expect(parseDate(`${d}/${m}/${y}`, "day-first")).toMatchObject({ date: iso });
        expect(parseDate(`${m}/${d}/${y}`, "month-first")).toMatchObject({ date: iso });
      }),
      RUNS,
    );
  });
});
