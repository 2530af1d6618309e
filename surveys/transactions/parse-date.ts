import type { DateOrder } from "./types";

export type ParsedDate =
  | { ok: true; date: string; order: DateOrder | null }
  | { ok: false; reason: "invalid-date" | "ambiguous-date" };

/** An optional time after the date ("13:45", "13:45:10", "T13:45:10.5Z", "+08:00"), ignored. */
const TIME = String.raw`(?:[T ]+([01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})?)?`;
const YEAR_FIRST = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${TIME}$`);
const CHINESE = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/;
const DOTTED = new RegExp(String.raw`^(\d{1,2})\.(\d{1,2})\.(\d{4})${TIME}$`);
const SLASHED = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})${TIME}$`);

function calendarDate(year: number, month: number, day: number): ParsedDate {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (year < 1 || days === undefined || day < 1 || day > days) return { ok: false, reason: "invalid-date" };
  const pad = (n: number) => String(n).padStart(2, "0");
  return { ok: true, date: `${String(year).padStart(4, "0")}-${pad(month)}-${pad(day)}`, order: null };
}

/**
 * Reads a date cell as an ISO calendar date `YYYY-MM-DD`. Accepted forms (1- or 2-digit day and
 * month, 4-digit year, an optional time that is ignored, no time-zone conversion):
 * - year first: 2025-03-04, 2025/03/04, 2025.03.04, 2025年3月4日 (always year, month, day);
 * - DD.MM.YYYY: 04.03.2025;
 * - DD/MM/YYYY or MM/DD/YYYY: by `order` when given; else only when the cell settles it: one
 *   reading is not a calendar date (25/03/2025, 02/29/2024) or both give the same day
 *   (05/05/2025); "ambiguous-date" otherwise. The result's `order` is the order a slashed date
 *   showed by itself under "auto" (for detecting a file's order), else null.
 * Anything else, two-digit years and impossible dates (2025-02-29) are "invalid-date".
 */
export function parseDate(text: string, order: DateOrder | "auto"): ParsedDate {
  const t = text.trim();
  const yearFirst = YEAR_FIRST.exec(t);
  if (yearFirst) return calendarDate(Number(yearFirst[1]), Number(yearFirst[3]), Number(yearFirst[4]));
  const chinese = CHINESE.exec(t);
  if (chinese) return calendarDate(Number(chinese[1]), Number(chinese[2]), Number(chinese[3]));
  const dotted = DOTTED.exec(t);
  if (dotted) return calendarDate(Number(dotted[3]), Number(dotted[2]), Number(dotted[1]));
  const slashed = SLASHED.exec(t);
  if (!slashed) return { ok: false, reason: "invalid-date" };
  const [first, second, year] = [Number(slashed[1]), Number(slashed[2]), Number(slashed[3])];
  const dayFirst = calendarDate(year, second, first);
  const monthFirst = calendarDate(year, first, second);
  if (order !== "auto") return order === "day-first" ? dayFirst : monthFirst;
  if (dayFirst.ok && monthFirst.ok) return dayFirst.date === monthFirst.date ? dayFirst : { ok: false, reason: "ambiguous-date" };
  if (dayFirst.ok) return { ...dayFirst, order: "day-first" };
  if (monthFirst.ok) return { ...monthFirst, order: "month-first" };
  return { ok: false, reason: "invalid-date" };
}
