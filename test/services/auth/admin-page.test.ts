import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetLinkFromAdmin, setAdministrator } from "../../../app/lib/auth/admin-page.server";
import { resetPassword } from "../../../app/lib/auth/password-reset.server";
import { hashToken } from "../../../app/lib/platform/token.server";
import { createUser, getUserById } from "../../../db/queries/users";
import { DEMO_EMAIL } from "../../../db/seed-demo";
import { NOW, scalar } from "../../db/fixtures";
import { createTempDb, type TempDb } from "../../helpers/temp-db";

/** The administrators' page actions, called as its action calls them (no server). */
let temp: TempDb;
let adminId: number;
let memberId: number;
let demoId: number;

const user = async (email: string, isAdmin = false) => (await createUser(temp.db, { email, passwordHash: "not-a-real-hash", now: NOW, isAdmin }))!.id;
const isAdmin = async (id: number) => (await getUserById(temp.db, id))!.isAdmin;
const resets = () => scalar(temp.db, sql`select count(*) as "v" from password_resets`).then(Number);

beforeAll(async () => {
  temp = await createTempDb();
  adminId = await user("admin@example.com", true);
  memberId = await user("member@example.com");
  demoId = await user(DEMO_EMAIL);
});
afterAll(() => temp.cleanup());

describe("resetLinkFromAdmin (service)", () => {
  it("makes a one-time link for the account, storing only its token's hash with the administrator", async () => {
    const link = await resetLinkFromAdmin(temp.db, adminId, { userId: memberId });
    if (!link.ok) throw new Error(link.error);
    expect(link.email).toBe("member@example.com");
    expect(link.path).toMatch(/^\/reset\/[A-Za-z0-9_-]{43}$/);
    const token = link.path.split("/")[2]!;
    const row = await temp.db.rows<{ userId: number; createdBy: number }>(
      sql`select user_id as "userId", created_by as "createdBy" from password_resets where token_hash = ${hashToken(token)}`,
    );
    expect(row).toEqual([{ userId: memberId, createdBy: adminId }]);
    // The link works once, through the reset page's service.
    expect(await resetPassword(temp.db, token, { password: "a new passphrase here" })).toEqual({ ok: true });
    expect(await resetPassword(temp.db, token, { password: "another passphrase" })).toEqual({ ok: false, error: "reset.invalid" });
  });

  it("refuses an account that does not exist and stores no link", async () => {
    const before = await resets();
    expect(await resetLinkFromAdmin(temp.db, adminId, { userId: 999_999 })).toEqual({ ok: false, error: "admin.unknownUser" });
    expect(await resets()).toBe(before);
  });
});

describe("setAdministrator (service)", () => {
  it("grants administration, then withdraws it", async () => {
    expect(await setAdministrator(temp.db, adminId, { userId: memberId, isAdmin: true })).toEqual({ ok: true, email: "member@example.com" });
    expect(await isAdmin(memberId)).toBe(true);
    expect(await setAdministrator(temp.db, adminId, { userId: memberId, isAdmin: false })).toEqual({ ok: true, email: "member@example.com" });
    expect(await isAdmin(memberId)).toBe(false);
  });

  it("refuses to withdraw one's own administration", async () => {
    expect(await setAdministrator(temp.db, adminId, { userId: adminId, isAdmin: false })).toEqual({ ok: false, error: "admin.cannotRevokeSelf" });
    expect(await isAdmin(adminId)).toBe(true);
  });

  it("refuses to make the demo account an administrator", async () => {
    expect(await setAdministrator(temp.db, adminId, { userId: demoId, isAdmin: true })).toEqual({ ok: false, error: "admin.demoNever" });
    expect(await isAdmin(demoId)).toBe(false);
  });

  it("refuses an account that does not exist", async () => {
    expect(await setAdministrator(temp.db, adminId, { userId: 999_999, isAdmin: true })).toEqual({ ok: false, error: "admin.unknownUser" });
  });
});
