import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changePassword } from "../../../app/lib/auth/change-password.server";
import { hashPassword, verifyPassword } from "../../../app/lib/auth/password.server";
import type { ResearcherSession } from "../../../app/lib/auth/session.server";
import { insertSession } from "../../../db/queries/sessions";
import { createUser, getUserById } from "../../../db/queries/users";
import { NOW, scalar } from "../../db/fixtures";
import { createTempDb, type TempDb } from "../../helpers/temp-db";

/** Changing one's password, called as the account page's action calls it (no server). */
let temp: TempDb;
let userId: number;
let here: ResearcherSession;

const OLD = "old password for the test";
const NEW = "a brand new passphrase";
const sessionsOf = (id: number) => scalar(temp.db, sql`select count(*) as "v" from sessions where user_id = ${id}`).then(Number);
const hashOf = async () => (await getUserById(temp.db, userId))!.passwordHash;

beforeAll(async () => {
  temp = await createTempDb();
  userId = (await createUser(temp.db, { email: "pw@example.com", passwordHash: await hashPassword(OLD), now: NOW }))!.id;
  const session = async (n: number) =>
    insertSession(temp.db, { tokenHash: String(n).repeat(64), userId, csrfToken: `csrf-${n}`, now: NOW, expiresAt: Date.now() + 3_600_000 });
  const mine = await session(1);
  await session(2);
  here = { id: mine.id, userId, csrfToken: mine.csrfToken };
});
afterAll(() => temp.cleanup());

describe("changePassword (service)", () => {
  it("refuses a wrong current password on that field and changes nothing", async () => {
    const before = await hashOf();
    expect(await changePassword(temp.db, here, { currentPassword: "not the password", newPassword: NEW })).toEqual({
      ok: false,
      field: "currentPassword",
      error: "auth.currentPasswordWrong",
    });
    expect(await hashOf()).toBe(before);
    expect(await sessionsOf(userId)).toBe(2);
  });

  it("refuses a new password under 12 characters on that field and changes nothing", async () => {
    const before = await hashOf();
    expect(await changePassword(temp.db, here, { currentPassword: OLD, newPassword: "eleven char" })).toEqual({
      ok: false,
      field: "newPassword",
      error: "auth.passwordLength",
    });
    expect(await hashOf()).toBe(before);
    expect(await sessionsOf(userId)).toBe(2);
  });

  it("sets the new password and ends every other session, keeping this one", async () => {
    expect(await changePassword(temp.db, here, { currentPassword: OLD, newPassword: NEW })).toEqual({ ok: true });
    expect(await verifyPassword(await hashOf(), NEW)).toBe(true);
    expect(await verifyPassword(await hashOf(), OLD)).toBe(false);
    expect(await scalar(temp.db, sql`select count(*) as "v" from sessions where user_id = ${userId} and id = ${here.id}`).then(Number)).toBe(1);
    expect(await sessionsOf(userId)).toBe(1);
  });
});
