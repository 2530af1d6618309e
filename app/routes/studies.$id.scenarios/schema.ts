import { z } from "zod";
import type { Scenario, ScenarioChange } from "../../../analysis";
import { ConfirmedSchema } from "~/lib/platform/confirm-field";

/**
 * The scenario page's forms (client-safe: validated in the browser with conform and again in
 * the action). Messages are message keys, shown in the page's language.
 */

/** The target of a change that multiplies the actual price instead of moving a mean score. */
export const PRICE_TARGET = "price";
export const MAX_CHANGES = 20;
export const MAX_RESPONSES = 10;

const code = (message: string) => z.string({ required_error: message }).trim().min(1, message).max(64, message);
const amount = z.number({ required_error: "scenarios.error.amount", invalid_type_error: "scenarios.error.amount" }).finite("scenarios.error.amount");

export const ChangeRowSchema = z
  .object({
    offer: code("scenarios.error.offer"),
    target: code("scenarios.error.attribute"),
    mode: z.enum(["delta", "value", "factor"], { errorMap: () => ({ message: "scenarios.error.mode" }) }),
    amount,
  })
  .superRefine((row, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    if ((row.target === PRICE_TARGET) !== (row.mode === "factor")) return issue("mode", "scenarios.error.mode");
    if (row.mode === "delta" && (row.amount === 0 || Math.abs(row.amount) > 9)) issue("amount", "scenarios.error.delta");
    if (row.mode === "value" && (row.amount < 1 || row.amount > 10)) issue("amount", "scenarios.error.value");
    if (row.mode === "factor" && (row.amount < 0.05 || row.amount > 5)) issue("amount", "scenarios.error.factor");
  });
export type ChangeRow = z.infer<typeof ChangeRowSchema>;

export const ResponseRowSchema = z
  .object({ competitor: code("scenarios.error.offer"), copies: code("scenarios.error.offer") })
  .refine((r) => r.competitor !== r.copies, { path: ["copies"], message: "scenarios.error.same" });

/** The editor: a name, 1–20 changes, up to 10 competitor responses; preview or save. */
export const ScenarioFormSchema = z.object({
  intent: z.enum(["preview", "save"]).default("preview"),
  name: z.string({ required_error: "scenarios.error.name" }).trim().min(1, "scenarios.error.name").max(80, "scenarios.error.name"),
  changes: z.array(ChangeRowSchema, { required_error: "scenarios.error.changes" }).min(1, "scenarios.error.changes").max(MAX_CHANGES, "scenarios.error.changes"),
  respond: z.array(ResponseRowSchema).max(MAX_RESPONSES, "scenarios.error.respond").default([]),
});
export type ScenarioForm = z.infer<typeof ScenarioFormSchema>;

/** The editor's value as a scenario of `analysis/scenarios`. */
export function scenarioOfForm(form: Pick<ScenarioForm, "name" | "changes" | "respond">): Scenario {
  const changes: ScenarioChange[] = form.changes.map((row) =>
    row.mode === "factor"
      ? { offer: row.offer, priceFactor: row.amount }
      : row.mode === "delta"
        ? { offer: row.offer, attribute: row.target, delta: row.amount }
        : { offer: row.offer, attribute: row.target, value: row.amount },
  );
  return { name: form.name, changes, respond: form.respond.map((r) => ({ competitor: r.competitor, copies: r.copies })) };
}

/** A scenario as the editor's rows (to edit a saved one, or the fair-price one). */
export function formOfScenario(scenario: Scenario): Pick<ScenarioForm, "name" | "changes" | "respond"> {
  return {
    name: scenario.name,
    changes: scenario.changes.map((c): ChangeRow =>
      "priceFactor" in c
        ? { offer: c.offer, target: PRICE_TARGET, mode: "factor", amount: c.priceFactor }
        : "delta" in c
          ? { offer: c.offer, target: c.attribute, mode: "delta", amount: c.delta }
          : { offer: c.offer, target: c.attribute, mode: "value", amount: c.value },
    ),
    respond: (scenario.respond ?? []).map((r) => ({ competitor: r.competitor, copies: r.copies })),
  };
}

export const DeleteScenarioSchema = z.object({
  intent: z.literal("delete"),
  id: z.number().int().positive(),
  confirm: ConfirmedSchema,
});

/**
 * A number typed into a field keyed by offer code: conform does not coerce the values of a
 * record, so an empty field is "no value" and anything else must read as a number.
 */
const typedNumber = (schema: z.ZodNumber) =>
  z.preprocess((v) => (v === undefined || (typeof v === "string" && v.trim() === "") ? undefined : typeof v === "string" ? Number(v.trim().replace(",", ".")) : v), schema.optional());
const price = typedNumber(z.number({ invalid_type_error: "scenarios.error.price" }).finite("scenarios.error.price").min(0, "scenarios.error.price").max(1e12, "scenarios.error.price"));
const share = typedNumber(z.number({ invalid_type_error: "scenarios.error.share" }).finite("scenarios.error.share").min(0, "scenarios.error.share").max(100, "scenarios.error.share"));

/** Actual prices by offer code (an empty field clears the price). */
export const PricesFormSchema = z.object({
  intent: z.literal("prices"),
  prices: z.record(price).default({}),
});
export type PricesForm = z.infer<typeof PricesFormSchema>;

/** Market shares per wave: rows of a wave number and the shares by offer code (empty: no share). */
export const WaveSharesFormSchema = z.object({
  intent: z.literal("waveShares"),
  waves: z
    .array(
      z
        .object({
          wave: z.number({ required_error: "scenarios.error.wave", invalid_type_error: "scenarios.error.wave" }).int("scenarios.error.wave").min(1, "scenarios.error.wave").max(999, "scenarios.error.wave"),
          shares: z.record(share).default({}),
        })
        .refine((w) => Object.values(w.shares).reduce<number>((s, v) => s + (v ?? 0), 0) <= 100.0001, { path: ["shares"], message: "scenarios.error.sharesTotal" }),
    )
    .default([])
    .refine((rows) => new Set(rows.map((r) => r.wave)).size === rows.length, { message: "scenarios.error.waveTwice" }),
});
export type WaveSharesForm = z.infer<typeof WaveSharesFormSchema>;
