import { getUserById, updateUserPassword } from "../../../db/queries/users";
import type { MessageKey } from "~/i18n/index";
import type { Db } from "../../../db/client";
import { NewPasswordSchema } from "./credentials";
import { passwordWeakness } from "./common-passwords.server";
import { hashPassword, verifyPassword } from "./password.server";
import { endOtherSessions, type ResearcherSession } from "./session.server";

/** The change-password form's values (app/routes/account.password/schema.ts). */
export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
}

export type ChangePasswordResult = { ok: true } | { ok: false; field: keyof PasswordChange; error: MessageKey };

/**
 * Changes the signed-in user's password: the current one is required, the new one follows the
 * sign-up rules (NewPasswordSchema). Every other session of the user ends; this one stays. A
 * refusal names the field it is about and changes nothing.
 */
export async function changePassword(db: Db, session: ResearcherSession, input: PasswordChange): Promise<ChangePasswordResult> {
  const user = await getUserById(db, session.userId);
  if (!user || input.currentPassword.length > 128 || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    return { ok: false, field: "currentPassword", error: "auth.currentPasswordWrong" };
  }
  const next = NewPasswordSchema.safeParse(input.newPassword);
  if (!next.success) return { ok: false, field: "newPassword", error: "auth.passwordLength" };
  const weakness = passwordWeakness(next.data);
  if (weakness) return { ok: false, field: "newPassword", error: weakness };
  await updateUserPassword(db, { id: user.id, passwordHash: await hashPassword(next.data) });
  await endOtherSessions(db, session);
  return { ok: true };
}
