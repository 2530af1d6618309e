import { z } from "zod";
import { parseCustomerGroup } from "~/lib/customers/customer-codes";

/**
 * The customers page's forms (client-safe: validated in the browser and again in the action).
 * Error messages are i18n keys. Rates are entered in percent and stored as fractions.
 */

const column = z.string().max(200).optional();
const requiredColumn = z.string({ required_error: "customers.error.columnRequired" }).min(1, "customers.error.columnRequired").max(200);

/** Step 2 of an import: which header names hold which field, replace or append, the conventions. */
export const ImportSchema = z.object({
  uploadId: z.string().regex(/^[a-f0-9]{32}$/, "customers.error.uploadMissing"),
  customerId: requiredColumn,
  date: requiredColumn,
  amount: requiredColumn,
  margin: column,
  marginRate: column,
  cost: column,
  account: column,
  mode: z.enum(["replace", "append"], { errorMap: () => ({ message: "customers.error.mode" }) }),
  dateOrder: z.enum(["auto", "day-first", "month-first"]).default("auto"),
  decimalSeparator: z.enum(["auto", ".", ","]).default("auto"),
});
export type ImportForm = z.infer<typeof ImportSchema>;

const percent = (min: number, max: number, key: string) =>
  z.number({ invalid_type_error: key }).min(min, key).max(max, key);

/** The parameters of CLV and equity (method.md §11 (c)). */
export const ParametersSchema = z.object({
  analysisDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "customers.error.analysisDate")
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "customers.error.analysisDate")
    .optional(),
  discountRate: percent(-99.99, 1000, "customers.error.discountRate"),
  retention: percent(0, 100, "customers.error.retention").optional(),
  cost: z.number({ invalid_type_error: "customers.error.cost" }).min(0, "customers.error.cost").max(1e12, "customers.error.cost").default(0),
  horizonYears: z.number({ invalid_type_error: "customers.error.horizon" }).int("customers.error.horizon").min(1, "customers.error.horizon").max(1000, "customers.error.horizon").optional(),
  defaultMarginRate: percent(-100, 100, "customers.error.marginRate").optional(),
});
export type ParametersForm = z.infer<typeof ParametersSchema>;

/** Personal invitations for a group of customers. */
export const InviteSchema = z.object({
  group: z.string({ required_error: "customers.error.group" }).refine((g) => parseCustomerGroup(g) !== null, "customers.error.group"),
});
export type InviteForm = z.infer<typeof InviteSchema>;

/** The parameters form's values (percent) as the parameters the service stores (fractions). */
export function parametersFromForm(value: ParametersForm) {
  const fraction = (p: number | undefined) => (p === undefined ? null : Math.round(p * 1e6) / 1e8);
  return {
    analysisDate: value.analysisDate ?? null,
    discountRate: fraction(value.discountRate)!,
    retention: fraction(value.retention),
    cost: value.cost,
    horizonYears: value.horizonYears ?? null,
    defaultMarginRate: fraction(value.defaultMarginRate),
  };
}
