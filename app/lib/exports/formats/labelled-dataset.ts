import type { Locale } from "~/i18n/index";

/**
 * The labelled raw data (wide: one row per respondent) that the SPSS, Stata, R and Triple-S
 * writers take: variables with labels in both languages, value labels and the declared missing
 * codes, and the rows. The writers are pure: they get this model and return bytes or text.
 */

/** A text in both languages of the app. */
export type Localized = Record<Locale, string>;

/** The two reasons a rating has no score, each with its own declared missing code. */
export type MissingKind = "dontKnow" | "notAsked";

/** Codes of the declared missing values in SPSS, R and Triple-S (Stata uses `.a` and `.b`). */
export const MISSING_CODES: Record<MissingKind, number> = { dontKnow: 98, notAsked: 99 };

export interface ValueLabel {
  value: number;
  label: Localized;
}

export interface LabelledVariable {
  /** the variable name of the raw-data CSV (docs/export-format.md) */
  name: string;
  label: Localized;
  type: "numeric" | "string";
  /** decimals shown for a numeric variable */
  decimals: number;
  measure: "nominal" | "ordinal" | "scale";
  valueLabels: ValueLabel[];
  /** the declared missing codes this variable can hold (ratings, overall, worth) */
  missing: Array<{ kind: MissingKind; value: number; label: Localized }>;
}

/** A cell: a number (possibly a missing code), a text, or null (no value: system missing). */
export type LabelledCell = number | string | null;

export interface LabelledDataset {
  /** the file label (the study's title) */
  label: Localized;
  variables: LabelledVariable[];
  /** rows in variable order; iterable more than once (the writers measure string widths first) */
  rows: Iterable<LabelledCell[]>;
  count: number;
  /** when the file is made (ms since the epoch; file headers carry it) */
  createdAt: number;
}

/** The label in one language. */
export const labelIn = (text: Localized, locale: Locale): string => text[locale];

/** The widest UTF-8 byte length of each string variable's values (at least 1), by index. */
export function stringWidths(dataset: LabelledDataset, max: number): number[] {
  const widths = dataset.variables.map(() => 1);
  const strings = dataset.variables.flatMap((v, i) => (v.type === "string" ? [i] : []));
  if (strings.length === 0) return widths;
  for (const row of dataset.rows) {
    for (const i of strings) {
      const cell = row[i];
      if (typeof cell === "string") widths[i] = Math.min(max, Math.max(widths[i]!, Buffer.byteLength(cell, "utf8")));
    }
  }
  return widths;
}

/** The longest prefix of `text` that fits in `maxBytes` of UTF-8 (never cuts a character). */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, "utf8") <= maxBytes) return text;
  let bytes = 0;
  let end = 0;
  for (const ch of text) {
    const size = Buffer.byteLength(ch, "utf8");
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += ch.length;
  }
  return text.slice(0, end);
}

/**
 * Names that fit a format's limit (Stata 32 characters, SPSS 64 bytes), unique ignoring case:
 * a longer name is cut and numbered (`rating_<long offer>_<long attribute>` becomes
 * `rating_<cut>_2`); names that fit are kept. The variable label still says what it holds.
 */
export function fitNames(names: readonly string[], max: number): string[] {
  const used = new Set(names.filter((n) => n.length <= max).map((n) => n.toLowerCase()));
  return names.map((name) => {
    if (name.length <= max) return name;
    for (let k = 1; ; k++) {
      const candidate = `${name.slice(0, max - String(k).length - 1)}_${k}`;
      if (!used.has(candidate.toLowerCase())) {
        used.add(candidate.toLowerCase());
        return candidate;
      }
    }
  });
}
