import { z } from "zod";
import type { Scenario, ScenarioChange } from "../analysis/scenarios/types";

/**
 * The JSON input of the `analyze` command (docs/analysis-format.md), validated with messages
 * that name what is required. `parseAnalysisInput` turns every problem into one line that
 * starts with its JSON path ("attributes[3].kind requires quality or price").
 */

const id = z.string().min(1, "requires a non-empty id");
const kind = z.enum(["quality", "price"], { errorMap: () => ({ message: "requires quality or price" }) });
const nonNegative = z.number().finite().min(0, "requires a number of 0 or more");
const percent = z.number().finite().min(0, "requires a number from 0 to 100").max(100, "requires a number from 0 to 100");
const score = z.number().finite().min(0, "requires a rating of 0 or more");
const labels = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)], {
  errorMap: () => ({ message: "requires a label or a non-empty list of labels" }),
});

export const AnalysisOfferSchema = z
  .object({
    id,
    name: z.string().optional(),
    own: z.boolean().default(false),
    price: nonNegative.optional(),
    share: nonNegative.optional(),
  })
  .strict();

export const AnalysisAttributeSchema = z
  .object({
    id,
    kind,
    name: z.string().optional(),
    group: id.optional(),
    /** Objective values where lower is better (days, euros); never satisfaction ratings (docs/analysis-format.md). */
    lowerIsBetter: z.boolean().optional(),
    /** A price attribute's Kotler cost group (docs/method.md §4 (e)); default money. */
    costGroup: z
      .enum(["money", "time", "energy", "psychic"], { errorMap: () => ({ message: "requires money, time, energy or psychic" }) })
      .optional(),
  })
  .strict();

export const AnalysisGroupSchema = z
  .object({ id, kind, weight: nonNegative, name: z.string().optional() })
  .strict();

const likelihood = z
  .number()
  .int("requires a whole number from 1 to 5")
  .min(1, "requires a whole number from 1 to 5")
  .max(5, "requires a whole number from 1 to 5");
const probability = z.number().finite().min(0, "requires a number from 0 to 1").max(1, "requires a number from 0 to 1");

/** One MaxDiff task as answered: the attribute ids shown, the best and the worst (docs/method.md §7). */
export const AnalysisMaxDiffTaskSchema = z
  .object({ items: z.array(id).min(2, "requires at least 2 items"), best: id, worst: id })
  .strict();

/** Van Westendorp's four prices, with Newton–Miller–Smith's purchase likelihoods (1..5) when asked (docs/method.md §8). */
export const AnalysisPriceSensitivitySchema = z
  .object({
    tooCheap: nonNegative,
    cheap: nonNegative,
    expensive: nonNegative,
    tooExpensive: nonNegative,
    likelihoodAtCheap: likelihood.optional(),
    likelihoodAtExpensive: likelihood.optional(),
  })
  .strict();

/** One Gabor–Granger answer: buy or not at a ladder price. */
export const AnalysisGaborGrangerAnswerSchema = z.object({ price: nonNegative, buy: z.boolean() }).strict();

export const AnalysisRespondentSchema = z
  .object({
    id,
    segment: z.string().min(1).optional(),
    wave: z.string().min(1).optional(),
    weights: z.record(nonNegative),
    qualityShare: percent.optional(),
    ratings: z.record(z.record(score)),
    overall: z.record(score).optional(),
    chose: id.optional(),
    considered: z.array(id).optional(),
    maxDiff: z.array(AnalysisMaxDiffTaskSchema).optional(),
    priceSensitivity: AnalysisPriceSensitivitySchema.optional(),
    gaborGranger: z.array(AnalysisGaborGrangerAnswerSchema).optional(),
  })
  .strict();

/** The researcher's side of price research: the Gabor–Granger ladder, the NMS calibration. */
export const AnalysisPriceResearchSchema = z
  .object({
    ladder: z.array(nonNegative).min(1, "requires at least 1 price").optional(),
    calibration: z.object({ 1: probability, 2: probability, 3: probability, 4: probability, 5: probability }).strict().optional(),
  })
  .strict();

export const AnalysisSummarySchema = z
  .object({
    weights: z.record(nonNegative),
    qualityShare: percent,
    means: z.record(z.record(score)),
    n: z.record(z.number().int("requires a whole number").min(0, "requires a number of 0 or more")).optional(),
  })
  .strict();

const finite = z.number().finite();

/** One change of a scenario: `delta` or `value` on an attribute's mean, or `priceFactor` on the price (docs/method.md §9). */
export const AnalysisScenarioChangeSchema = z
  .object({
    offer: id,
    attribute: id.optional(),
    delta: finite.optional(),
    value: finite.optional(),
    priceFactor: finite.gt(0, "requires a number above 0").optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const kinds = [c.delta, c.value, c.priceFactor].filter((v) => v !== undefined).length;
    if (kinds !== 1) ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'requires exactly one of "delta", "value" or "priceFactor"' });
    else if (c.priceFactor !== undefined && c.attribute !== undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["attribute"], message: 'is not used with "priceFactor" (a price change has no attribute)' });
    } else if (c.priceFactor === undefined && c.attribute === undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["attribute"], message: 'is required with "delta" or "value"' });
    }
  });

/** A what-if scenario: a name, changes, and competitors copying the changes made to an offer. */
export const AnalysisScenarioSchema = z
  .object({
    name: z.string().min(1),
    changes: z.array(AnalysisScenarioChangeSchema).min(1, "requires at least 1 change"),
    respond: z.array(z.object({ competitor: id, copies: id }).strict()).optional(),
  })
  .strict();

export const AnalysisOptionsSchema = z
  .object({
    reference: id.optional(),
    fairValueLine: z
      .union([z.enum(["weights", "parity", "regression"]), z.object({ slope: z.number().finite() }).strict()], {
        errorMap: () => ({ message: 'requires "weights", "parity", "regression" or {"slope": number}' }),
      })
      .optional(),
    band: z
      .union([nonNegative, z.literal("quartiles")], { errorMap: () => ({ message: 'requires a number of 0 or more or "quartiles"' }) })
      .optional(),
    mapReference: z
      .enum(["rest-of-market", "market"], { errorMap: () => ({ message: "requires rest-of-market or market" }) })
      .optional(),
    relativePriceFrom: z
      .enum(["price-profile", "prices"], { errorMap: () => ({ message: "requires price-profile or prices" }) })
      .optional(),
    importance: z
      .enum(["relative-weights", "shapley", "ols"], { errorMap: () => ({ message: "requires relative-weights, shapley or ols" }) })
      .optional(),
    quadrantImportance: z.enum(["stated", "derived"], { errorMap: () => ({ message: "requires stated or derived" }) }).optional(),
    weightsFrom: z.enum(["stated", "maxdiff"], { errorMap: () => ({ message: "requires stated or maxdiff" }) }).optional(),
    method: z.enum(["ratio", "difference"], { errorMap: () => ({ message: "requires ratio or difference" }) }).optional(),
    threshold: z
      .union([nonNegative, z.literal("standard-error")], {
        errorMap: () => ({ message: 'requires a number of 0 or more or "standard-error"' }),
      })
      .optional(),
    shareWeighted: z.boolean().optional(),
    bootstrap: z
      .object({
        replicates: z.number().int("requires a whole number").min(1, "requires 1 to 100000").max(100000, "requires 1 to 100000").optional(),
        seed: z.number().int("requires a whole number").min(0, "requires 0 to 4294967295").max(4294967295, "requires 0 to 4294967295").optional(),
      })
      .strict()
      .optional(),
    level: z.number().gt(0, "requires a number between 0 and 1").lt(1, "requires a number between 0 and 1").optional(),
    segment: labels.optional(),
    wave: labels.optional(),
    scenarios: z.array(AnalysisScenarioSchema).optional(),
  })
  .strict();

const TOLERANCE = 1e-6;

/** The whole input; cross-field rules (ids that must exist, sums of 100) in `superRefine`. */
export const AnalysisInputSchema = z
  .object({
    offers: z.array(AnalysisOfferSchema).min(2, "requires at least 2 offers"),
    attributes: z.array(AnalysisAttributeSchema).min(1, "requires at least 1 attribute"),
    groups: z.array(AnalysisGroupSchema).optional(),
    respondents: z.array(AnalysisRespondentSchema).min(1, "requires at least 1 respondent").optional(),
    summary: AnalysisSummarySchema.optional(),
    priceResearch: AnalysisPriceResearchSchema.optional(),
    options: AnalysisOptionsSchema.optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    const problem = (path: Array<string | number>, message: string) =>
      ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });

    const offerIds = new Set<string>();
    input.offers.forEach((o, i) => {
      if (offerIds.has(o.id)) problem(["offers", i, "id"], `repeats "${o.id}"; offer ids must be unique`);
      offerIds.add(o.id);
    });
    const owns = input.offers.filter((o) => o.own);
    if (owns.length !== 1) problem(["offers"], `requires exactly one offer with "own": true (got ${owns.length})`);
    const own = owns[0]?.id;

    const attributeKind = new Map<string, "quality" | "price">();
    input.attributes.forEach((a, i) => {
      if (attributeKind.has(a.id)) problem(["attributes", i, "id"], `repeats "${a.id}"; attribute ids must be unique`);
      attributeKind.set(a.id, a.kind);
      if (a.costGroup !== undefined && a.kind !== "price") problem(["attributes", i, "costGroup"], "is for price attributes only (a cost the customer gives up)");
    });
    if (!input.attributes.some((a) => a.kind === "quality")) {
      problem(["attributes"], "requires at least one quality attribute");
    }

    if (input.groups !== undefined) {
      const groupKind = new Map<string, "quality" | "price">();
      input.groups.forEach((g, i) => {
        if (groupKind.has(g.id)) problem(["groups", i, "id"], `repeats "${g.id}"; group ids must be unique`);
        groupKind.set(g.id, g.kind);
      });
      input.attributes.forEach((a, i) => {
        if (a.group === undefined) problem(["attributes", i, "group"], "requires a group when groups are given");
        else if (!groupKind.has(a.group)) problem(["attributes", i, "group"], `requires a group listed in groups (got "${a.group}")`);
        else if (groupKind.get(a.group) !== a.kind) problem(["attributes", i, "group"], `requires a ${a.kind} group (got "${a.group}")`);
      });
      for (const k of ["quality", "price"] as const) {
        const set = input.groups.filter((g) => g.kind === k);
        const sum = set.reduce((s, g) => s + g.weight, 0);
        if (set.length > 0 && Math.abs(sum - 100) > TOLERANCE) {
          problem(["groups"], `weights of the ${k} groups require a sum of 100 (got ${sum})`);
        }
      }
    }

    const checkOffer = (path: Array<string | number>, offerId: string) => {
      if (!offerIds.has(offerId)) problem(path, `requires an offer id listed in offers (got "${offerId}")`);
    };
    const checkAttributes = (path: Array<string | number>, record: Record<string, unknown>) => {
      for (const key of Object.keys(record)) {
        if (!attributeKind.has(key)) problem([...path, key], "is not an attribute id listed in attributes");
      }
    };

    if (input.respondents === undefined && input.summary === undefined) {
      problem([], "requires either respondents or summary");
    }
    if (input.respondents !== undefined && input.summary !== undefined) {
      problem(["summary"], "requires respondents or summary, not both");
    }

    const ladder = input.priceResearch?.ladder;
    ladder?.forEach((price, k) => {
      if (k > 0 && price <= (ladder[k - 1] as number)) problem(["priceResearch", "ladder", k], "requires prices in ascending order without repeats");
    });
    let maxDiffRespondents = 0;
    const respondentIds = new Set<string>();
    input.respondents?.forEach((r, i) => {
      const at = (...rest: Array<string | number>) => ["respondents", i, ...rest];
      if (respondentIds.has(r.id)) problem(at("id"), `repeats "${r.id}"; respondent ids must be unique`);
      respondentIds.add(r.id);
      checkAttributes(at("weights"), r.weights);
      for (const [offerId, ratings] of Object.entries(r.ratings)) {
        checkOffer(at("ratings", offerId), offerId);
        checkAttributes(at("ratings", offerId), ratings);
      }
      for (const offerId of Object.keys(r.overall ?? {})) checkOffer(at("overall", offerId), offerId);
      if (r.chose !== undefined) checkOffer(at("chose"), r.chose);
      r.considered?.forEach((offerId, k) => checkOffer(at("considered", k), offerId));
      r.maxDiff?.forEach((task, k) => {
        const taskKinds = new Set<"quality" | "price">();
        task.items.forEach((item, m) => {
          if (!attributeKind.has(item)) problem(at("maxDiff", k, "items", m), `requires an attribute id listed in attributes (got "${item}")`);
          else taskKinds.add(attributeKind.get(item) as "quality" | "price");
        });
        if (taskKinds.size > 1) problem(at("maxDiff", k, "items"), "require attributes of one kind (got quality and price); ask each kind in tasks of its own");
        if (new Set(task.items).size !== task.items.length) problem(at("maxDiff", k, "items"), "repeats an item; the items of a task must differ");
        if (!task.items.includes(task.best)) problem(at("maxDiff", k, "best"), `requires one of the task's items (got "${task.best}")`);
        if (!task.items.includes(task.worst)) problem(at("maxDiff", k, "worst"), `requires one of the task's items (got "${task.worst}")`);
        if (task.best === task.worst) problem(at("maxDiff", k, "worst"), "requires an item other than best");
      });
      if (r.maxDiff !== undefined && r.maxDiff.length > 0) maxDiffRespondents += 1;
      r.gaborGranger?.forEach((answer, k) => {
        if (ladder === undefined) problem(at("gaborGranger", k, "price"), "requires priceResearch.ladder");
        else if (!ladder.includes(answer.price)) problem(at("gaborGranger", k, "price"), `requires a price on priceResearch.ladder (got ${answer.price})`);
      });
    });
    if (input.options?.weightsFrom === "maxdiff" && maxDiffRespondents === 0) {
      problem(["options", "weightsFrom"], "maxdiff requires respondents with maxDiff answers");
    }

    if (input.summary !== undefined) {
      const summary = input.summary;
      checkAttributes(["summary", "weights"], summary.weights);
      for (const k of ["quality", "price"] as const) {
        const set = input.attributes.filter((a) => a.kind === k);
        if (set.length === 0) continue;
        const missing = set.filter((a) => summary.weights[a.id] === undefined);
        missing.forEach((a) => problem(["summary", "weights", a.id], `is required (a weight for every ${k} attribute)`));
        const sum = set.reduce((s, a) => s + (summary.weights[a.id] ?? 0), 0);
        if (missing.length === 0 && Math.abs(sum - 100) > TOLERANCE) {
          problem(["summary", "weights"], `of the ${k} attributes require a sum of 100 (got ${sum})`);
        }
      }
      for (const [offerId, means] of Object.entries(summary.means)) {
        checkOffer(["summary", "means", offerId], offerId);
        checkAttributes(["summary", "means", offerId], means);
      }
      for (const offerId of Object.keys(summary.n ?? {})) checkOffer(["summary", "n", offerId], offerId);
    }

    if (input.options?.shareWeighted === true) {
      input.offers.forEach((o, i) => {
        if (!(o.share !== undefined && o.share > 0)) problem(["offers", i, "share"], "requires a number above 0 when options.shareWeighted is true");
      });
    }
    if (input.options?.relativePriceFrom === "prices" && input.offers.filter((o) => o.price !== undefined && o.price > 0).length < 2) {
      problem(["options", "relativePriceFrom"], "prices requires a price above 0 on at least 2 offers");
    }
    if (input.options?.importance === "shapley" && input.attributes.filter((a) => a.kind === "quality").length > 12) {
      problem(["options", "importance"], "shapley requires at most 12 quality attributes");
    }

    const scenarioNames = new Set<string>();
    input.options?.scenarios?.forEach((scenario, i) => {
      const at = (...rest: Array<string | number>) => ["options", "scenarios", i, ...rest];
      if (scenarioNames.has(scenario.name)) problem(at("name"), `repeats "${scenario.name}"; scenario names must be unique`);
      scenarioNames.add(scenario.name);
      scenario.changes.forEach((change, k) => {
        checkOffer(at("changes", k, "offer"), change.offer);
        if (change.attribute !== undefined && !attributeKind.has(change.attribute)) {
          problem(at("changes", k, "attribute"), `requires an attribute id listed in attributes (got "${change.attribute}")`);
        }
      });
      scenario.respond?.forEach((response, k) => {
        checkOffer(at("respond", k, "competitor"), response.competitor);
        checkOffer(at("respond", k, "copies"), response.copies);
        if (response.competitor === response.copies) problem(at("respond", k, "copies"), "requires an offer other than the competitor");
      });
    });

    const reference = input.options?.reference;
    if (reference !== undefined && reference !== "competitors") {
      if (!offerIds.has(reference)) {
        problem(["options", "reference"], `requires "competitors" or an offer id listed in offers (got "${reference}")`);
      } else if (reference === own) {
        problem(["options", "reference"], "requires a competitor, not the own offer");
      }
    }
  });

export type AnalysisInput = z.infer<typeof AnalysisInputSchema>;

const expected: Record<string, string> = {
  string: "a string",
  number: "a number",
  boolean: "true or false",
  array: "a list",
  object: "an object",
  integer: "a whole number",
};

/**
 * Messages for zod's built-in checks, in the house style ("x requires ..."). A message the
 * schema set itself (it differs from zod's default) is kept.
 */
const errorMap: z.ZodErrorMap = (issue, ctx) => {
  if (ctx.defaultError !== z.defaultErrorMap(issue, ctx).message) return { message: ctx.defaultError };
  if (issue.code === z.ZodIssueCode.invalid_type) {
    if (issue.received === "undefined") return { message: "is required" };
    return { message: `requires ${expected[issue.expected] ?? issue.expected} (got ${issue.received})` };
  }
  if (issue.code === z.ZodIssueCode.not_finite) return { message: "requires a finite number" };
  if (issue.code === z.ZodIssueCode.too_small && issue.type === "string") return { message: "requires a non-empty string" };
  if (issue.code === z.ZodIssueCode.invalid_enum_value) {
    return { message: `requires one of ${issue.options.join(", ")}` };
  }
  return { message: ctx.defaultError };
};

/** `offers[0].id`, `respondents[2].ratings.aster`; ids that are not plain names in quotes. */
function formatPath(path: Array<string | number>): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(part)) out += out === "" ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out === "" ? "input" : out;
}

export type ParsedAnalysisInput = { ok: true; input: AnalysisInput } | { ok: false; problems: string[] };

/** Validates a parsed JSON value; each problem is one line "<json path> <what is required>". */
export function parseAnalysisInput(data: unknown): ParsedAnalysisInput {
  const result = AnalysisInputSchema.safeParse(data, { errorMap });
  if (result.success) return { ok: true, input: result.data };
  const problems = result.error.issues.flatMap((issue) =>
    issue.code === z.ZodIssueCode.unrecognized_keys
      ? issue.keys.map((key) => `${formatPath([...issue.path, key])} is not a known field`)
      : [`${formatPath(issue.path)} ${issue.message}`],
  );
  return { ok: false, problems: [...new Set(problems)] };
}

/** `options.scenarios` as the scenarios of `analysis/scenarios` (the input already validated). */
export function analysisScenarios(input: AnalysisInput): Scenario[] {
  return (input.options?.scenarios ?? []).map((s) => ({
    name: s.name,
    changes: s.changes.map((c): ScenarioChange =>
      c.priceFactor !== undefined
        ? { offer: c.offer, priceFactor: c.priceFactor }
        : c.delta !== undefined
          ? { offer: c.offer, attribute: c.attribute as string, delta: c.delta }
          : { offer: c.offer, attribute: c.attribute as string, value: c.value as number },
    ),
    ...(s.respond !== undefined ? { respond: s.respond } : {}),
  }));
}
