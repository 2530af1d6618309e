import { z } from "zod";

/**
 * The administrators' page's one-button forms (reset link, grant, withdraw): which account
 * (client-safe; the action switches on `intent` and parses this).
 */
export const AccountActionSchema = z.object({
  userId: z.number({ required_error: "admin.unknownUser", invalid_type_error: "admin.unknownUser" }).int().positive("admin.unknownUser"),
});
export type AccountAction = z.infer<typeof AccountActionSchema>;
