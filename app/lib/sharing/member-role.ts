import { z } from "zod";

/**
 * The roles a member of a study can be given (the owner is not a member role: ownership moves by
 * transfer). Client-safe: the members page's forms validate with it too. Message: an i18n key.
 */
export const MemberRoleSchema = z.enum(["editor", "viewer"], { errorMap: () => ({ message: "members.error.role" }) });
export type MemberRole = z.infer<typeof MemberRoleSchema>;
