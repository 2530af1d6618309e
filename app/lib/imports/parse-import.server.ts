// One job, a little over 250 lines: reading an imported table of responses, in its two layouts (wide and long).
import type { MessageKey } from "~/i18n/index";
import type { ProfileQuestionDefinition } from "../../../surveys/study-definition";
import type { RawDataLayout } from "../../../db/queries/raw-data";
import { wideData } from "../exports/export-raw.server";
import type { TableRow } from "./read-table.server";

/** One problem of an import file, at its line (0: the file as a whole). */
export interface ImportProblem {
  line: number;
  key: MessageKey;
  params?: Record<string, string | number>;
}

/** A respondent read from an import file, in the terms the database stores. */
export interface ImportedRespondent {
  line: number;
  ref: string;
  wave: number | null;
  locale: string;
  version: number | null;
  startedAt: number | null;
  completedAt: number | null;
  review: "include" | "exclude" | null;
  qualityShare: number | null;
  weights: Record<string, number>;
  ratings: Array<{ offer: string; attribute: string; score: number }>;
  offers: Record<string, { known: boolean; worth: number | null; overall: number | null; chose: boolean; considered: boolean }>;
  profile: Record<string, string>;
}

export interface StudyShape extends RawDataLayout {
  questions: ProfileQuestionDefinition[];
  versions: number[];
}

const RESPONDENT_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** duration_s, flags and won_lost are read past: the import derives them (flags and won_lost from the answers, duration from the times). */

const LONG = ["respondent_id", "wave", "offer", "attribute", "kind", "score"];

type Cells = Record<string, string>;

class RowReader {
  constructor(
    readonly line: number,
    private readonly cells: Cells,
    private readonly problems: ImportProblem[],
  ) {}

  get(column: string): string {
    return this.cells[column] ?? "";
  }

  problem(key: MessageKey, params?: Record<string, string | number>): null {
    this.problems.push({ line: this.line, key, ...(params ? { params } : {}) });
    return null;
  }

  /** A whole number 1-10, or null when empty. */
  score(column: string): number | null {
    const value = this.get(column);
    if (value === "") return null;
    const n = Number(value);
    return Number.isInteger(n) && n >= 1 && n <= 10 ? n : this.problem("import.error.score", { column, value });
  }

  /** 0/1 (also true/false), or null when empty. */
  binary(column: string): boolean | null {
    const value = this.get(column).toLowerCase();
    if (value === "") return null;
    if (value === "1" || value === "true") return true;
    if (value === "0" || value === "false") return false;
    return this.problem("import.error.binary", { column, value: this.get(column) }) ?? null;
  }

  points(column: string): number | null {
    const value = this.get(column);
    if (value === "") return null;
    const n = Number(value);
    return Number.isFinite(n) && n >= 0 && n <= 100 ? n : this.problem("import.error.points", { column, value });
  }

  time(column: string): number | null {
    const value = this.get(column);
    if (value === "") return null;
    // ISO 8601 with a zone (the CSV), or a spreadsheet's date number (days since 1899-12-30, UTC: the XLSX).
    const serial = /^\d{1,7}(\.\d+)?$/.test(value) ? Number(value) : NaN;
    const ms =
      serial >= 1 && serial < 2_958_466
        ? Math.round((serial - 25_569) * 86_400_000)
        : /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/.test(value)
          ? Date.parse(value)
          : NaN;
    return Number.isFinite(ms) ? ms : this.problem("import.error.time", { column, value });
  }

  wave(): number | null {
    const value = this.get("wave");
    if (value === "") return null;
    const n = Number(value);
    return Number.isInteger(n) && n >= 1 && n <= 1_000_000 ? n : this.problem("import.error.wave", { value });
  }
}

/** The header's problems: a column twice, or a column the layout does not have. */
function headerProblems(header: string[], known: Set<string>, line: number): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const seen = new Set<string>();
  for (const column of header) {
    if (seen.has(column)) problems.push({ line, key: "import.error.duplicateColumn", params: { column } });
    seen.add(column);
    if (!known.has(column)) problems.push({ line, key: "import.error.unknownColumn", params: { column } });
  }
  return problems;
}

function cellsOf(header: string[], fields: string[]): Cells {
  const cells: Cells = {};
  header.forEach((column, i) => (cells[column] = fields[i] ?? ""));
  return cells;
}

/**
 * Reads an import table (its first row the header) in the wide or long layout of the raw-data
 * export (docs/export-format.md) against the study's variables: every row is checked and every
 * problem kept with its line, so the caller imports all rows or none.
 */
export function parseImport(rows: TableRow[], shape: StudyShape): { layout: "wide" | "long"; respondents: ImportedRespondent[]; problems: ImportProblem[] } {
  const [head, ...body] = rows;
  if (!head) return { layout: "wide", respondents: [], problems: [{ line: 0, key: "import.error.empty" }] };
  const header = head.fields.map((f) => f.trim());
  const layout = header.includes("offer") && header.includes("attribute") && header.includes("score") ? "long" : "wide";
  if (!header.includes("respondent_id")) return { layout, respondents: [], problems: [{ line: head.line, key: "import.error.layout" }] };
  const known = new Set(layout === "long" ? LONG : wideData(shape, []).header);
  const problems = headerProblems(header, known, head.line);
  if (problems.length) return { layout, respondents: [], problems };
  if (body.length === 0) return { layout, respondents: [], problems: [{ line: head.line, key: "import.error.empty" }] };
  const respondents = layout === "wide" ? readWide(header, body, shape, problems) : readLong(header, body, shape, problems);
  return { layout, respondents, problems };
}

function common(row: RowReader, shape: StudyShape): Pick<ImportedRespondent, "ref" | "wave" | "locale" | "version"> | null {
  const ref = row.get("respondent_id");
  if (!RESPONDENT_ID.test(ref)) return row.problem("import.error.respondentId");
  const locale = row.get("locale") || "en";
  if (locale !== "en" && locale !== "zh-CN") row.problem("import.error.locale", { value: locale });
  const rawVersion = row.get("questionnaire_version");
  const version = rawVersion === "" ? null : Number(rawVersion);
  if (version !== null && !shape.versions.includes(version)) row.problem("import.error.version", { value: rawVersion });
  return { ref, wave: row.wave(), locale, version };
}

function readWide(header: string[], body: TableRow[], shape: StudyShape, problems: ImportProblem[]): ImportedRespondent[] {
  const out: ImportedRespondent[] = [];
  const seen = new Map<string, number>();
  const present = new Set(header);
  for (const { line, fields } of body) {
    const row = new RowReader(line, cellsOf(header, fields), problems);
    const before = problems.length;
    const base = common(row, shape);
    if (!base) continue;
    if (seen.has(base.ref)) row.problem("import.error.duplicateRespondent", { id: base.ref });
    seen.set(base.ref, line);
    const review = row.get("review");
    if (review !== "" && review !== "include" && review !== "exclude") row.problem("import.error.review", { value: review });
    const profile: Record<string, string> = {};
    for (const q of shape.questions) {
      const column = `profile_${q.code}`;
      const value = row.get(column);
      if (value === "") continue;
      if (value.length > 1000) row.problem("import.error.tooLong", { column });
      else if (q.kind === "choice" && !q.choices.some((c) => c.code === value)) row.problem("import.error.choice", { column, value });
      else profile[q.code] = value;
    }
    const weights: Record<string, number> = {};
    for (const kind of ["quality", "price"] as const) {
      const attributes = shape.attributes.filter((a) => a.kind === kind);
      const given = attributes.map((a) => [a.code, row.points(`weight_${a.code}`)] as const);
      const filled = given.filter(([, w]) => w !== null);
      if (filled.length === 0) continue;
      if (filled.length < attributes.length) {
        row.problem("import.error.weightsMissing", { kind });
        continue;
      }
      const sum = filled.reduce((s, [, w]) => s + w!, 0);
      if (Math.abs(sum - 100) > 0.01) row.problem("import.error.weightSum", { kind, sum: Math.round(sum * 100) / 100 });
      for (const [code, w] of filled) weights[code] = w!;
    }
    const ratings: ImportedRespondent["ratings"] = [];
    const offers: ImportedRespondent["offers"] = {};
    const chose = row.get("chose");
    if (chose !== "" && !shape.offers.includes(chose)) row.problem("import.error.offer", { column: "chose", value: chose });
    for (const offer of shape.offers) {
      const scores = shape.attributes.map((a) => [a.code, row.score(`rating_${offer}_${a.code}`)] as const);
      const overall = row.score(`overall_${offer}`);
      const worth = row.score(`worth_${offer}`);
      const knownCell = row.binary(`known_${offer}`);
      const rated = scores.filter(([, s]) => s !== null);
      const knownOffer = knownCell ?? (rated.length > 0 || overall !== null || worth !== null);
      if (knownCell === false && rated.length > 0) row.problem("import.error.ratedUnknown", { column: `rating_${offer}_${rated[0]![0]}`, offer });
      for (const [attribute, score] of rated) ratings.push({ offer, attribute, score: score! });
      offers[offer] = { known: knownOffer, worth, overall, chose: chose === offer, considered: row.binary(`considered_${offer}`) ?? false };
    }
    const completedAt = row.time("completed_at");
    const startedAt = row.time("started_at");
    const duration = Number(row.get("duration_s"));
    const started = startedAt ?? (completedAt !== null && present.has("duration_s") && Number.isFinite(duration) ? completedAt - duration * 1000 : null);
    if (problems.length > before) continue;
    out.push({
      line,
      ...base,
      startedAt: started,
      completedAt,
      review: review === "" ? null : (review as "include" | "exclude"),
      qualityShare: row.points("quality_share"),
      weights,
      ratings,
      offers,
      profile,
    });
  }
  return out;
}

function readLong(header: string[], body: TableRow[], shape: StudyShape, problems: ImportProblem[]): ImportedRespondent[] {
  const byRef = new Map<string, ImportedRespondent>();
  const kinds = new Map(shape.attributes.map((a) => [a.code, a.kind]));
  for (const { line, fields } of body) {
    const row = new RowReader(line, cellsOf(header, fields), problems);
    const before = problems.length;
    const base = common(row, shape);
    if (!base) continue;
    const offer = row.get("offer");
    const attribute = row.get("attribute");
    if (!shape.offers.includes(offer)) row.problem("import.error.offer", { column: "offer", value: offer });
    const kind = kinds.get(attribute);
    if (!kind) row.problem("import.error.attribute", { value: attribute });
    const givenKind = row.get("kind");
    if (kind && givenKind !== "" && givenKind !== kind) row.problem("import.error.kind", { attribute, expected: kind, value: givenKind });
    const score = row.score("score");
    if (score === null && row.get("score") === "") row.problem("import.error.score", { column: "score", value: "" });
    if (problems.length > before) continue;
    let r = byRef.get(base.ref);
    if (!r) {
      r = { line, ...base, startedAt: null, completedAt: null, review: null, qualityShare: null, weights: {}, ratings: [], offers: {}, profile: {} };
      byRef.set(base.ref, r);
    }
    if (r.ratings.some((x) => x.offer === offer && x.attribute === attribute)) {
      row.problem("import.error.duplicateRating", { id: base.ref, offer, attribute });
      continue;
    }
    r.ratings.push({ offer, attribute, score: score! });
    r.offers[offer] = { known: true, worth: null, overall: null, chose: false, considered: false };
  }
  return [...byRef.values()];
}
