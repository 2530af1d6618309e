import { describe, it, expect } from "vitest";
import { parseDate } from "../../../surveys";

const date = (text: string, order: "day-first" | "month-first" | "auto" = "auto") => parseDate(text, order);

describe("parseDate", () => {
  it("reads ISO dates, with or without leading zeros and with a time that is ignored", () => {
    expect(date("2025-03-04")).toEqual({ ok: true, date: "2025-03-04", order: null });
    expect(date("2025-3-4")).toMatchObject({ date: "2025-03-04" });
    expect(date(" 2025-03-04T23:59:59.5+08:00 ")).toMatchObject({ date: "2025-03-04" });
    expect(date("2025-03-04 13:45")).toMatchObject({ date: "2025-03-04" });
  });

  it("reads year-first dates with slashes or dots, and in Chinese", () => {
    expect(date("2025/03/04")).toMatchObject({ date: "2025-03-04" });
    expect(date("2025.3.4")).toMatchObject({ date: "2025-03-04" });
    expect(date("2025年3月4日")).toMatchObject({ date: "2025-03-04" });
  });

  it("reads DD.MM.YYYY day first", () => {
    expect(date("04.03.2025")).toMatchObject({ date: "2025-03-04" });
  });

  it("reads a slashed date that settles its order by itself, and says which order it showed", () => {
    expect(date("25/03/2025")).toEqual({ ok: true, date: "2025-03-25", order: "day-first" });
    expect(date("03/25/2025")).toEqual({ ok: true, date: "2025-03-25", order: "month-first" });
    // 02/29/2024 is a date only month first (there is no month 29).
    expect(date("02/29/2024")).toEqual({ ok: true, date: "2024-02-29", order: "month-first" });
    // Both orders give the same day.
    expect(date("05/05/2025")).toEqual({ ok: true, date: "2025-05-05", order: null });
    expect(date("6/11/2017 17:40")).toEqual({ ok: false, reason: "ambiguous-date" });
  });

  it("refuses to guess the order of 03/04/2025", () => {
    expect(date("03/04/2025")).toEqual({ ok: false, reason: "ambiguous-date" });
  });

  it("reads 03/04/2025 by a declared order", () => {
    expect(date("03/04/2025", "day-first")).toEqual({ ok: true, date: "2025-04-03", order: null });
    expect(date("03/04/2025", "month-first")).toEqual({ ok: true, date: "2025-03-04", order: null });
  });

  it("refuses a date that does not fit the declared order", () => {
    expect(date("03/25/2025", "day-first")).toEqual({ ok: false, reason: "invalid-date" });
  });

  it("refuses impossible dates, two-digit years and other forms", () => {
    for (const text of ["2025-02-29", "31.04.2025", "13/13/2025", "1/3/25", "2025-03", "March 4, 2025", "04-03-2025", "2025-03-04 25:00", ""]) {
      expect(date(text)).toEqual({ ok: false, reason: "invalid-date" });
    }
  });
});
