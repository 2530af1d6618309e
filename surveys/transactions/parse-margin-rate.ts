import { parseDecimal, type ParsedNumber } from "./parse-decimal";
import type { DecimalSeparator } from "./types";

export type ParsedRate = ParsedNumber | { ok: false; reason: "rate-out-of-range" };

/**
 * Reads a margin rate as a fraction: "0.3", "0,3" or "30 %" / "30%" (divided by 100). The
 * result must lie within -1..1 (-100 %..100 %): "30" without a percent sign is refused rather
 * than guessed ("rate-out-of-range").
 */
export function parseMarginRate(text: string, separator: DecimalSeparator | "auto"): ParsedRate {
  const t = text.trim();
  const percent = /%$/.test(t);
  const parsed = parseDecimal(percent ? t.slice(0, -1) : t, separator);
  if (!parsed.ok) return parsed;
  const value = percent ? parsed.value / 100 : parsed.value;
  if (value < -1 || value > 1) return { ok: false, reason: "rate-out-of-range" };
  return { ...parsed, value };
}
