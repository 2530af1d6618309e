import { sql, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { bool } from "../../db/sql";
import { Client, startAppServer, type AppServer } from "../helpers/app-server";
import { runCommand } from "../helpers/commands";
import { one } from "./server-db";

let server: AppServer;
/** A second connection to the server's database (SQLite or PostgreSQL). */
let db: Db;
const PASSWORD = "correct horse battery";

beforeAll(async () => {
  server = await startAppServer({ ADMIN_EMAILS: "first@example.com" });
  db = await server.openDb();
});
afterAll(async () => {
  await db?.close();
  await server?.stop();
});

async function signUp(email: string): Promise<Client> {
  const client = new Client(server.url);
  expect((await client.form("/signup", { email, password: PASSWORD })).status).toBe(302);
  return client;
}
const signIn = (email: string, password: string) => new Client(server.url).form("/signin", { email, password });
const query = <T>(query: SQL): Promise<T> => one<T>(db, query);
const userId = async (email: string) => (await query<{ id: number }>(sql`select id from users where email = ${email}`)).id;
const isAdmin = async (email: string) => bool((await query<{ is_admin: unknown }>(sql`select is_admin from users where email = ${email}`)).is_admin);

/** The reset path shown once on the administrators' page after creating a link. */
async function createLink(admin: Client, email: string): Promise<string> {
  const res = await admin.form("/admin", { intent: "reset", userId: String(await userId(email)) });
  expect(res.status).toBe(200);
  const link = /\/reset\/[A-Za-z0-9_-]{43}/.exec(await res.text())?.[0];
  expect(link).toBeDefined();
  return link!;
}

describe("administrators and one-time password-reset links", () => {
  let admin: Client;
  let member: Client;

  it("makes the account ADMIN_EMAILS names the administrator at sign-up, not the demo account nor others", async () => {
    admin = await signUp("first@example.com");
    member = await signUp("member@example.com");
    expect(await isAdmin("demo@valuemap.example")).toBe(false);
    expect(await isAdmin("first@example.com")).toBe(true);
    expect(await isAdmin("member@example.com")).toBe(false);
    expect((await admin.request("/admin")).status).toBe(200);
    expect((await member.request("/admin")).status).toBe(404);
    expect(await (await admin.request("/studies")).text()).toContain('href="/admin"');
    expect(await (await member.request("/studies")).text()).not.toContain('href="/admin"');
  });

  it("sets a new password once through the link, ends the account's sessions and stores only the token's hash", async () => {
    const link = await createLink(admin, "member@example.com");
    const token = link.split("/").pop()!;
    const stored = await query<{ token_hash: string }>(sql`select token_hash from password_resets order by id desc limit 1`);
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.token_hash).not.toContain(token);

    const visitor = new Client(server.url);
    const page = await (await visitor.request(link)).text();
    expect(page).toContain("member@example.com");
    // Too short: nothing changes, the link still works.
    expect(await (await visitor.form(link, { password: "short" })).text()).toContain("12 to 128 characters");
    const done = await visitor.form(link, { password: "a brand new passphrase" });
    expect(await done.text()).toContain("Your password is set");

    expect((await member.request("/studies")).status).toBe(302);
    expect((await signIn("member@example.com", PASSWORD)).status).toBe(200);
    expect((await signIn("member@example.com", "a brand new passphrase")).status).toBe(302);

    const again = await new Client(server.url).form(link, { password: "yet another passphrase" });
    expect(await again.text()).toContain("This reset link is not valid");
    expect((await signIn("member@example.com", "yet another passphrase")).status).toBe(200);
  });

  it("refuses an expired link, a withdrawn link and an unknown one, changing nothing", async () => {
    const first = await createLink(admin, "member@example.com");
    const second = await createLink(admin, "member@example.com");
    const passwordHash = () => query<{ password_hash: string }>(sql`select password_hash from users where email = 'member@example.com'`);
    const before = await passwordHash();
    // Creating the second withdrew the first.
    expect(await (await new Client(server.url).form(first, { password: "withdrawn link pass" })).text()).toContain("not valid");
    await db.run(sql`update password_resets set expires_at = ${Date.now() - 1} where used_at is null`);
    expect(await (await new Client(server.url).request(second)).text()).toContain("not valid");
    expect(await (await new Client(server.url).form(second, { password: "expired link passwd" })).text()).toContain("not valid");
    expect(await (await new Client(server.url).form("/reset/not-a-real-token", { password: "unknown link passwd" })).text()).toContain(
      "not valid",
    );
    expect(await passwordHash()).toEqual(before);
  });

  it("refuses a cross-site POST to a reset link and a non-administrator's request for one", async () => {
    const link = await createLink(admin, "member@example.com");
    const forged = await new Client(server.url).form(link, { password: "cross site password" }, { Origin: "https://evil.example" });
    expect(forged.status).toBe(403);
    // The member's sessions ended with the reset: sign in again with the password set then.
    member = new Client(server.url);
    expect((await member.form("/signin", { email: "member@example.com", password: "a brand new passphrase" })).status).toBe(302);
    const refused = await member.request("/admin", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
      body: new URLSearchParams({ intent: "reset", userId: String(await userId("first@example.com")), csrf: (await member.csrf()) ?? "" }).toString(),
    });
    expect(refused.status).toBe(404);
    expect(await (await new Client(server.url).form(link, { password: "the owner's new one" })).text()).toContain("Your password is set");
  });

  it("prints a working link from the command line for the server's operator", async () => {
    const { stdout: out } = await runCommand("reset-link", ["first@example.com"], { DATABASE_URL: server.databaseUrl, DEMO: "off" });
    const link = /\/reset\/[A-Za-z0-9_-]{43}/.exec(out)?.[0];
    expect(link).toBeDefined();
    expect(await (await new Client(server.url).form(link!, { password: "operator set this one" })).text()).toContain("Your password is set");
    expect((await signIn("first@example.com", "operator set this one")).status).toBe(302);
  });
});
