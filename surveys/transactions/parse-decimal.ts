import type { DecimalSeparator } from "./types";

export type ParsedNumber =
  | { ok: true; value: number; decimal: DecimalSeparator | null }
  | { ok: false; reason: "invalid-number" | "ambiguous-number" };

/** Separators that only ever group thousands: space, no-break spaces, apostrophe (1'234.50). */
const GROUP_ONLY = new Set([" ", "\u00a0", "\u202f", "'"]);
const SEPARATOR = /[.,' \u00a0\u202f]/g;
const CURRENCY = /^[$€£¥￥]\s*|\s*[$€£¥￥]$/;
const INVALID = { ok: false, reason: "invalid-number" } as const;

/** Sign, parentheses and one currency symbol off; the unsigned body and whether it is negative. */
function unwrap(text: string): { body: string; negative: boolean } {
  let t = text.trim();
  let negative = false;
  if (t.startsWith("(") && t.endsWith(")")) {
    negative = true;
    t = t.slice(1, -1).trim();
  }
  const sign = () => {
    if (/^[-−+]/.test(t)) {
      negative = negative !== (t[0] !== "+");
      t = t.slice(1).trim();
      return true;
    }
    return false;
  };
  const signed = sign();
  t = t.replace(CURRENCY, "");
  if (!signed) sign();
  return { body: t, negative };
}

/**
 * Reads a number written with either decimal separator and optional thousands separators:
 * "1234.5", "1234,5", "1,234.56", "1.234,56", "1 234,56", "1'234.50", "1.234.567", with an
 * optional sign, accounting parentheses "(12.50)" and one currency symbol ($ € £ ¥).
 *
 * With `separator` given, that character is the decimal separator (at most once, last) and the
 * other one groups thousands. With "auto" the text must settle it by itself: both characters
 * (the last one is decimal), a repeated one (it groups thousands), a group that is not three
 * digits long ("12,50", "1234,5" are decimal), a leading group of four digits or more, or a
 * leading 0. A single "." or "," between 1-3 digits and exactly three ("1,234", "1.234") is
 * "ambiguous-number". Thousands groups must be 3 digits after a first group of 1-3 digits.
 * `decimal` in the result is the decimal separator the text showed under "auto" (else null).
 */
export function parseDecimal(text: string, separator: DecimalSeparator | "auto"): ParsedNumber {
  const { body, negative } = unwrap(text);
  if (!/^\d/.test(body) || !/\d$/.test(body)) return INVALID;
  const runs = body.split(SEPARATOR);
  const seps = body.match(SEPARATOR) ?? [];
  if (!runs.every((run) => /^\d+$/.test(run))) return INVALID;
  const last = seps.at(-1);

  let decimal: DecimalSeparator | null = null;
  let shown: DecimalSeparator | null = null;
  if (last === undefined || GROUP_ONLY.has(last)) {
    decimal = null;
  } else if (separator !== "auto") {
    decimal = last === separator ? separator : null;
  } else {
    const mark = last as DecimalSeparator;
    const other: DecimalSeparator = mark === "." ? "," : ".";
    const before = seps.slice(0, -1);
    if (before.includes(mark)) {
      decimal = null;
      shown = other;
    } else if (before.length > 0 || (runs.at(-1) as string).length !== 3 || (runs[0] as string).length > 3 || runs[0]?.startsWith("0")) {
      decimal = mark;
      shown = mark;
    } else {
      return { ok: false, reason: "ambiguous-number" };
    }
  }

  const groupSeps = decimal === null ? seps : seps.slice(0, -1);
  const intRuns = decimal === null ? runs : runs.slice(0, -1);
  if (groupSeps.length > 0) {
    const group = groupSeps[0] as string;
    if (group === decimal || !groupSeps.every((s) => s === group)) return INVALID;
    if (separator !== "auto" && group === separator) return INVALID;
    if ((intRuns[0] as string).length > 3 || !intRuns.slice(1).every((run) => run.length === 3)) return INVALID;
  }
  const digits = intRuns.join("") + (decimal === null ? "" : `.${runs.at(-1) as string}`);
  const value = Number(digits);
  return { ok: true, value: negative && value !== 0 ? -value : value, decimal: shown };
}
