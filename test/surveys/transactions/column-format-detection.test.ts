import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { columnFormatDetection, createColumnFormatDetector, createFormatDetector, type ColumnMapping } from "../../../surveys/transactions/index";

const detectAll = (rows: string[][]) => {
  const detector = createColumnFormatDetector();
  for (const row of rows) detector.add(row);
  return detector.result();
};

describe("createColumnFormatDetector + columnFormatDetection", () => {
  it("reads each column's conventions once, whatever the mapping chosen later", () => {
    // Column 1: 25/03/2025 can only be day first; column 2: 12,5 shows a decimal comma; column 3:
    // 1,234.50 a point. Amount in column 2 → comma; amount in column 3 → point; both → mixed.
    const formats = detectAll([
      ["A", "25/03/2025", "12,5", "1,234.50"],
      ["B", "03/04/2025", "7", "3"],
    ]);
    const base = { customerId: 0, date: 1, amount: 2 } satisfies ColumnMapping;
    expect(columnFormatDetection(formats, base)).toEqual({ dateOrder: "day-first", decimalSeparator: "," });
    expect(columnFormatDetection(formats, { ...base, amount: 3 })).toEqual({ dateOrder: "day-first", decimalSeparator: "." });
    expect(columnFormatDetection(formats, { ...base, margin: 3 })).toEqual({ dateOrder: "day-first", decimalSeparator: "mixed" });
    expect(columnFormatDetection(formats, { customerId: 0, date: 2, amount: 3 })).toEqual({ dateOrder: null, decimalSeparator: "." });
  });

  it("gives what createFormatDetector gives for any rows and any mapping (property)", () => {
    const cell = fc.oneof(
      fc.constantFrom("", "12,5", "12.5", "1,234", "1.234", "1,234.56", "1.234,56", "30 %", "0,3%", "(12.50)", "€ 1 234,50", "abc", "C-17"),
      fc.constantFrom("25/03/2025", "03/25/2025", "03/04/2025", "2025-03-04", "04.03.2025", "2025/3/4", "2025年3月4日", "13/13/2025", "02/29/2024"),
      fc.string({ maxLength: 6 }),
    );
    const rows = fc.array(fc.array(cell, { minLength: 5, maxLength: 5 }), { maxLength: 12 });
    const mapping = fc.shuffledSubarray([0, 1, 2, 3, 4], { minLength: 5, maxLength: 5 }).chain((order) =>
      fc.record({ withMargin: fc.boolean(), withCost: fc.boolean() }).map(
        ({ withMargin, withCost }): ColumnMapping => ({
          customerId: order[0]!,
          date: order[1]!,
          amount: order[2]!,
          ...(withMargin ? { margin: order[3]! } : {}),
          ...(withCost ? { cost: order[4]! } : { marginRate: order[4]! }),
        }),
      ),
    );
    fc.assert(
      fc.property(rows, mapping, (cells, map) => {
        const reference = createFormatDetector(map);
        for (const row of cells) reference.add(row);
        expect(columnFormatDetection(detectAll(cells), map)).toEqual(reference.result());
      }),
      { numRuns: 500 },
    );
  });
});
