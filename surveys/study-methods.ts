import { z } from "zod";

/**
 * The research methods a study's questionnaires use beyond the ratings (docs/method.md §7, §8):
 * how each stage asks for the importance of each kind of attribute (the 100-point split or
 * MaxDiff) and the optional price research block of the rating stage. Frozen with every
 * published version like the rest of the definition; a definition without `methods` (published
 * before there were any) asks the 100-point split and no price research.
 */

export const ImportanceAskedSchema = z.enum(["points", "maxdiff"]);
export type ImportanceAsked = z.infer<typeof ImportanceAskedSchema>;

export const StageImportanceSchema = z.object({
  quality: ImportanceAskedSchema.default("points"),
  price: ImportanceAskedSchema.default("points"),
});
export type StageImportance = z.infer<typeof StageImportanceSchema>;

/** Items per MaxDiff task: 4 by default (fits a phone), never more than the kind's attributes. */
export const MAXDIFF_PER_TASK = { min: 3, max: 6, default: 4 } as const;
/** MaxDiff needs at least this many attributes of a kind; with fewer the kind is asked by points. */
export const MAXDIFF_MIN_ITEMS = 3;
/** Longest Gabor–Granger ladder. */
export const MAX_LADDER = 12;
/** Highest price anyone can type (any currency). */
export const MAX_PRICE = 1e9;

/**
 * The price research block, about the own offer: Van Westendorp's four prices (each between `min`
 * and `max`, in `currency`), the Newton–Miller–Smith purchase likelihoods at the respondent's
 * "cheap" and "expensive" prices (`likelihoods`), and the Gabor–Granger `ladder` (ascending
 * prices; none when empty).
 */
export const PriceResearchDefinitionSchema = z
  .object({
    currency: z.string().trim().max(12).default(""),
    min: z.number().finite().min(0),
    max: z.number().finite().positive().max(MAX_PRICE),
    likelihoods: z.boolean().default(true),
    ladder: z.array(z.number().finite().positive().max(MAX_PRICE)).max(MAX_LADDER).default([]),
  })
  .refine((p) => p.max > p.min, { message: "max requires a price above min", path: ["max"] })
  .refine((p) => p.ladder.every((price, i) => i === 0 || price > p.ladder[i - 1]!), {
    message: "ladder requires ascending prices without repeats",
    path: ["ladder"],
  });
export type PriceResearchDefinition = z.infer<typeof PriceResearchDefinitionSchema>;

export const StudyMethodsSchema = z.object({
  importance: z
    .object({ focusGroup: StageImportanceSchema.default({}), rating: StageImportanceSchema.default({}) })
    .default({}),
  maxDiffPerTask: z.number().int().min(MAXDIFF_PER_TASK.min).max(MAXDIFF_PER_TASK.max).default(MAXDIFF_PER_TASK.default),
  priceResearch: PriceResearchDefinitionSchema.nullable().default(null),
});
export type StudyMethods = z.infer<typeof StudyMethodsSchema>;

/** What a study without any method settings asks: points everywhere, no price research. */
export const DEFAULT_METHODS: StudyMethods = StudyMethodsSchema.parse({});

export type MethodKind = "quality" | "price";
export type MethodStage = "focusGroup" | "rating";

/** The kinds a stage asks by MaxDiff (none, one or both), quality first. */
export function maxDiffKinds(methods: StudyMethods, stage: MethodStage): MethodKind[] {
  return (["quality", "price"] as const).filter((kind) => methods.importance[stage][kind] === "maxdiff");
}

/**
 * The attribute codes a stage asks MaxDiff about for a kind: every attribute of the kind when the
 * stage's method for it is MaxDiff and there are at least `MAXDIFF_MIN_ITEMS`; else none (the
 * kind is asked by points).
 */
export function maxDiffItems(
  study: { attributes: ReadonlyArray<{ code: string; kind: MethodKind }>; methods?: StudyMethods | null | undefined },
  stage: MethodStage,
  kind: MethodKind,
): string[] {
  if (study.methods?.importance[stage][kind] !== "maxdiff") return [];
  const items = study.attributes.filter((a) => a.kind === kind).map((a) => a.code);
  return items.length >= MAXDIFF_MIN_ITEMS ? items : [];
}

/** Items per task and tasks of a kind's MaxDiff (method.md §7 (a)): k = min(setting, items), T = ceil(3 items / k). */
export function maxDiffShape(items: number, perTask: number): { perTask: number; tasks: number } {
  const k = Math.min(perTask, items);
  return { perTask: k, tasks: Math.ceil((3 * items) / k) };
}
