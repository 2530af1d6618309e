import { z } from "zod";
import { MAX_LADDER, MAX_PRICE, type StudyMethods } from "../../../surveys/study-methods";

/**
 * The methods page's form (client-safe: conform validates it in the browser, the action parses it
 * again). Messages are i18n keys. The ladder is typed as a list of prices separated by commas
 * (or spaces, semicolons, Chinese commas); decimals take a point.
 */
const importance = z.enum(["points", "maxdiff"], { errorMap: () => ({ message: "methods.error.importance" }) });
const price = (message: string) => z.number({ invalid_type_error: message }).finite(message).min(0, message).max(MAX_PRICE, message);

/** The prices of a typed ladder, or null when it is not a list of numbers. */
export function ladderOf(text: string | undefined): number[] | null {
  const parts = (text ?? "").split(/[\s,;，、；]+/).filter((p) => p !== "");
  const prices = parts.map((p) => (/^\d+(\.\d+)?$/.test(p) ? Number(p) : NaN));
  return prices.every((p) => Number.isFinite(p)) ? prices : null;
}

const validLadder = (prices: number[] | null): prices is number[] =>
  prices !== null &&
  prices.length <= MAX_LADDER &&
  prices.every((p, i) => p > 0 && p <= MAX_PRICE && (i === 0 || p > prices[i - 1]!));

export const MethodsSchema = z
  .object({
    focusGroupQuality: importance,
    focusGroupPrice: importance,
    ratingQuality: importance,
    ratingPrice: importance,
    maxDiffPerTask: z
      .number({ required_error: "methods.error.perTask", invalid_type_error: "methods.error.perTask" })
      .int("methods.error.perTask")
      .min(3, "methods.error.perTask")
      .max(6, "methods.error.perTask"),
    priceResearch: z.boolean().optional(),
    currency: z.string().trim().max(12, "methods.error.currency").optional(),
    priceMin: price("methods.error.priceMin").optional(),
    priceMax: price("methods.error.priceMax").optional(),
    likelihoods: z.boolean().optional(),
    ladder: z.string().max(400, "methods.error.ladder").optional(),
  })
  .superRefine((form, ctx) => {
    const problem = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    if (!validLadder(ladderOf(form.ladder))) problem("ladder", "methods.error.ladder");
    if (form.priceMin !== undefined && form.priceMax !== undefined && !(form.priceMax > form.priceMin)) problem("priceMax", "methods.error.priceMax");
    if (form.priceResearch) {
      if (form.priceMin === undefined) problem("priceMin", "methods.error.priceRequired");
      if (form.priceMax === undefined) problem("priceMax", "methods.error.priceRequired");
    }
  });
export type MethodsForm = z.infer<typeof MethodsSchema>;

/** The parsed form as the study's methods (the service stores it). */
export function methodsOf(form: MethodsForm): StudyMethods {
  const ladder = ladderOf(form.ladder) ?? [];
  return {
    importance: {
      focusGroup: { quality: form.focusGroupQuality, price: form.focusGroupPrice },
      rating: { quality: form.ratingQuality, price: form.ratingPrice },
    },
    maxDiffPerTask: form.maxDiffPerTask,
    priceResearch:
      form.priceResearch && form.priceMin !== undefined && form.priceMax !== undefined
        ? { currency: form.currency ?? "", min: form.priceMin, max: form.priceMax, likelihoods: form.likelihoods === true, ladder }
        : null,
  };
}
