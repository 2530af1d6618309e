import { dayNumber } from "./day-number";
import { isoDate } from "./iso-date";

/** The same month and day `years` earlier; 29 February becomes 28 February in a common year. */
function yearsBefore(date: string, years: number): number {
  const year = Number(date.slice(0, 4)) - years;
  const monthDay = date.slice(5);
  const day = dayNumber(`${String(year).padStart(4, "0")}-${monthDay}`);
  return day ?? (dayNumber(`${String(year).padStart(4, "0")}-02-28`) as number);
}

/**
 * The 12-month period that ends `yearsBack` years before the analysis date D: yearsBack 0 is
 * "this year" (D minus one year, exclusive, to D, inclusive), 1 is "last year". Calendar years,
 * so a period holds 365 or 366 days. `analysisDate` must be a valid ISO date.
 */
export function yearPeriod(analysisDate: string, yearsBack: number): { from: string; to: string; fromDay: number; toDay: number } {
  const toDay = yearsBack === 0 ? (dayNumber(analysisDate) as number) : yearsBefore(analysisDate, yearsBack);
  const fromDay = yearsBefore(analysisDate, yearsBack + 1) + 1;
  return { from: isoDate(fromDay), to: isoDate(toDay), fromDay, toDay };
}
