import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { dayNumber } from "../../../analysis/customers/day-number";
import { isoDate } from "../../../analysis/customers/iso-date";

const RUNS = { seed: 20250722, numRuns: 200 };
const DAY = 86_400_000;

describe("calendar days", () => {
  it("counts days from 1970-01-01", () => {
    // 2000-03-01: 30 years of 365 days + 7 leap days (72, 76, ..., 96) = 10957, + 31 + 29 = 11017.
    expect(dayNumber("1970-01-01")).toBe(0);
    expect(dayNumber("2000-03-01")).toBe(11017);
    expect(dayNumber("1969-12-31")).toBe(-1);
  });

  it("refuses what is not a calendar date", () => {
    for (const text of ["2025-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "2024-4-1", "24-04-01", "2024-04-01T00:00", ""]) {
      expect(dayNumber(text)).toBeNull();
    }
    expect(dayNumber("2024-02-29")).not.toBeNull();
    expect(dayNumber("2000-02-29")).not.toBeNull();
    expect(dayNumber("1900-02-29")).toBeNull();
  });

  it("agrees with the platform's UTC dates and round-trips", () => {
    fc.assert(
      fc.property(fc.integer({ min: -700_000, max: 2_900_000 }), (days) => {
        const iso = new Date(days * DAY).toISOString().slice(0, 10);
        expect(dayNumber(iso)).toBe(days);
        expect(isoDate(days)).toBe(iso);
      }),
      RUNS,
    );
  });
});
