import { z } from "zod";
import type { MessageKey } from "~/i18n";
import { isCalendarDate } from "~/lib/report/calendar-date";
import { ConfirmFieldSchema } from "~/lib/platform/confirm-field";

/**
 * The events & functions page's forms, one schema per intent (client-safe: conform validates in
 * the browser, the action parses again). Shares and what/who cells keep their field names
 * (`share_<offer id>`, `cell_<function id>_<attribute id>`) and become typed lists.
 */
const key = (k: MessageKey) => k;
/** A decimal typed with a dot or a comma; empty = none (catch-all fields arrive as "", not undefined). */
const decimal = (raw: string | undefined) => (raw === undefined || raw.trim() === "" ? null : Number(raw.trim().replace(",", ".")));
const confirmed = ConfirmFieldSchema;
const FAIR_VALUE_LINES = ["weights", "parity", "regression", "slope"] as const;
export const STRENGTHS = [0, 1, 3, 9] as const;

export const LineSchema = z
  .object({
    intent: z.literal("line"),
    line: z.enum(FAIR_VALUE_LINES, { errorMap: () => ({ message: key("report.strategy.error.line") }) }),
    slope: z.string().optional(),
  })
  .transform((v, ctx) => {
    const slope = decimal(v.slope);
    if ((slope !== null && !(Number.isFinite(slope) && slope > 0 && slope <= 100)) || (v.line === "slope" && slope === null)) {
      ctx.addIssue({ code: "custom", path: ["slope"], message: key("report.strategy.error.slope") });
      return z.NEVER;
    }
    return { intent: v.intent, line: v.line, slope };
  });

export const SharesSchema = z
  .object({ intent: z.literal("shares") })
  .catchall(z.string().optional())
  .transform((v, ctx) => {
    const shares: Array<{ offerId: number; share: number | null }> = [];
    for (const [name, raw] of Object.entries(v)) {
      const m = /^share_(\d{1,9})$/.exec(name);
      if (!m) continue;
      const share = decimal(raw);
      if (share !== null && !(Number.isFinite(share) && share >= 0 && share <= 100)) ctx.addIssue({ code: "custom", path: [name], message: key("report.strategy.error.share") });
      shares.push({ offerId: Number(m[1]), share });
    }
    if (shares.every((s) => s.share === null || (s.share >= 0 && s.share <= 100)) && shares.reduce((sum, s) => sum + (s.share ?? 0), 0) > 100.0001) {
      ctx.addIssue({ code: "custom", path: [], message: key("report.strategy.error.sharesTotal") });
    }
    return { intent: "shares" as const, shares };
  });

export const AddEventSchema = z.object({
  intent: z.literal("addEvent"),
  offerId: z.number({ required_error: key("report.strategy.error.offer"), invalid_type_error: key("report.strategy.error.offer") }).int().positive(key("report.strategy.error.offer")),
  date: z.string({ required_error: key("report.strategy.error.date") }).refine(isCalendarDate, key("report.strategy.error.date")),
  wave: z.number({ invalid_type_error: key("report.strategy.error.wave") }).int(key("report.strategy.error.wave")).min(1, key("report.strategy.error.wave")).max(9999, key("report.strategy.error.wave")).optional(),
  label: z.string({ required_error: key("report.strategy.error.label") }).trim().min(1, key("report.strategy.error.label")).max(200, key("report.strategy.error.label")),
  labelZh: z.string().trim().max(200, key("report.strategy.error.label")).optional(),
});
export const DeleteEventSchema = z.object({ intent: z.literal("deleteEvent"), id: z.number().int().positive(), confirm: confirmed });

export const AddFunctionSchema = z.object({
  intent: z.literal("addFunction"),
  name: z.string({ required_error: key("report.strategy.error.name") }).trim().min(1, key("report.strategy.error.name")).max(120, key("report.strategy.error.name")),
  nameZh: z.string().trim().max(120, key("report.strategy.error.name")).optional(),
});
export const DeleteFunctionSchema = z.object({ intent: z.literal("deleteFunction"), id: z.number().int().positive(), confirm: confirmed });

export const CellsSchema = z
  .object({ intent: z.literal("cells") })
  .catchall(z.string().optional())
  .transform((v, ctx) => {
    const cells: Array<{ functionId: number; attributeId: number; strength: (typeof STRENGTHS)[number] }> = [];
    for (const [name, raw] of Object.entries(v)) {
      const m = /^cell_(\d{1,9})_(\d{1,9})$/.exec(name);
      if (!m) continue;
      const strength = raw === undefined || raw.trim() === "" ? 0 : Number(raw);
      if (!(STRENGTHS as readonly number[]).includes(strength)) ctx.addIssue({ code: "custom", path: [name], message: key("report.strategy.error.cell") });
      else cells.push({ functionId: Number(m[1]), attributeId: Number(m[2]), strength: strength as (typeof STRENGTHS)[number] });
    }
    return { intent: "cells" as const, cells };
  });

export const STRATEGY_SCHEMAS = {
  line: LineSchema,
  shares: SharesSchema,
  addEvent: AddEventSchema,
  deleteEvent: DeleteEventSchema,
  addFunction: AddFunctionSchema,
  deleteFunction: DeleteFunctionSchema,
  cells: CellsSchema,
} as const;
export type StrategyIntent = keyof typeof STRATEGY_SCHEMAS;
export const isStrategyIntent = (value: unknown): value is StrategyIntent => typeof value === "string" && Object.hasOwn(STRATEGY_SCHEMAS, value);
