import { z } from "zod";
import { EmailSchema } from "~/lib/auth/credentials";
import { ConfirmFieldSchema } from "~/lib/platform/confirm-field";
import { MemberRoleSchema } from "~/lib/sharing/member-role";

/**
 * The members page's forms, one schema per intent (client-safe: the invitation form validates in
 * the browser with conform; every intent is parsed again in the action). Messages are i18n keys.
 * Removing a member, making one the owner and revoking an invitation require `confirm=yes`.
 */
const id = z.number({ required_error: "error.formInvalid", invalid_type_error: "error.formInvalid" }).int().positive("error.formInvalid");

export const InviteSchema = z.object({ email: EmailSchema, role: MemberRoleSchema });
export const RoleSchema = z.object({ userId: id, role: MemberRoleSchema });
export const RemoveSchema = z.object({ userId: id, confirm: ConfirmFieldSchema });
export const TransferSchema = z.object({ userId: id, confirm: ConfirmFieldSchema });
export const RevokeSchema = z.object({ invitationId: id, confirm: ConfirmFieldSchema });
