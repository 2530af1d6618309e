/**
 * Wall-clock times in a named time zone (the researcher's, e.g. Asia/Shanghai) and the UTC
 * instants they stand for, with the platform's time-zone data (Intl). Pure, safe in the browser:
 * the fieldwork window form shows and reads its dates with these.
 */

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** True for an IANA time-zone name the platform knows ("UTC", "Asia/Shanghai"). */
export function isTimeZone(timeZone: string): boolean {
  if (!timeZone || timeZone.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

function wallParts(ms: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(ms);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute"), second: get("second") };
}

/** How far the zone's clock is ahead of UTC at instant `ms` (ms; +8 h for Asia/Shanghai). */
function offsetAt(ms: number, timeZone: string): number {
  const p = wallParts(ms, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000;
}

/** `YYYY-MM-DDTHH:mm` (a datetime-local field) of instant `ms` in `timeZone`. */
export function wallTimeOf(ms: number, timeZone: string): string {
  const p = wallParts(ms, timeZone);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}`;
}

/**
 * The UTC instant of a wall time `YYYY-MM-DDTHH:mm` in `timeZone`, or null when it is no real
 * date (2026-02-30) or no time the zone's clocks show (skipped by a daylight-saving change).
 */
export function instantOfWallTime(value: string, timeZone: string): number | null {
  const m = WALL.exec(value);
  if (!m) return null;
  const asUtc = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
  if (new Date(asUtc).toISOString().slice(0, 16) !== value) return null;
  let instant = asUtc - offsetAt(asUtc, timeZone);
  instant = asUtc - offsetAt(instant, timeZone);
  return wallTimeOf(instant, timeZone) === value ? instant : null;
}
