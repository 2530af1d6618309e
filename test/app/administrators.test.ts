import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bool } from "../../db/sql";
import { Client, startAppServer, type AppServer } from "../helpers/app-server";
import { runCommand } from "../helpers/commands";
import { one } from "./server-db";

/**
 * Who administers an installation is the operator's choice (ADMIN_EMAILS or `npm run
 * make-admin`), never the first stranger to sign up; the demo account never administers; the
 * server says at start when the demo account has its public password.
 */
const PASSWORD = "correct horse battery";
let server: AppServer;

async function isAdmin(target: AppServer, email: string): Promise<boolean> {
  const db = await target.openDb();
  try {
    return bool((await one<{ is_admin: unknown }>(db, sql`select is_admin from users where email = ${email}`)).is_admin);
  } finally {
    await db.close();
  }
}

async function signUp(target: AppServer, email: string): Promise<Client> {
  const client = new Client(target.url);
  expect((await client.form("/signup", { email, password: PASSWORD })).status).toBe(302);
  return client;
}

beforeAll(async () => {
  server = await startAppServer();
});
afterAll(async () => {
  await server?.stop();
});

describe("administrators", () => {
  it("does not make the first account signed up an administrator", async () => {
    const first = await signUp(server, "stranger@example.com");
    expect(await isAdmin(server, "stranger@example.com")).toBe(false);
    expect((await first.request("/admin")).status).toBe(404);
  });

  it("prints at start that the demo account has its public password", () => {
    expect(server.output()).toContain(
      "[valuemap] the demo account demo@valuemap.example exists with its public password: fine for a trial; for a real deployment start on an empty database with DEMO=off",
    );
  });

  it("makes an existing account an administrator with npm run make-admin, and refuses the demo account and unknown e-mails", async () => {
    await signUp(server, "operator@example.com");
    const env = { DATABASE_URL: server.databaseUrl, DEMO: "off" };
    const made = await runCommand("make-admin", ["operator@example.com"], env);
    expect(made).toMatchObject({ code: 0, stdout: "operator@example.com now administers this installation\n" });
    expect(await isAdmin(server, "operator@example.com")).toBe(true);
    const demo = await runCommand("make-admin", ["demo@valuemap.example"], env);
    expect(demo).toMatchObject({ code: 2, stderr: "the demo account never administers (its password is public)\n" });
    expect(await isAdmin(server, "demo@valuemap.example")).toBe(false);
    const unknown = await runCommand("make-admin", ["nobody@example.com"], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("no account with the email nobody@example.com");
  });

  it("refuses to grant administration to the demo account from the administrators' page", async () => {
    const admin = new Client(server.url);
    expect((await admin.form("/signin", { email: "operator@example.com", password: PASSWORD })).status).toBe(302);
    const db = await server.openDb();
    const demoId = (await one<{ id: number }>(db, sql`select id from users where email = 'demo@valuemap.example'`)).id;
    await db.close();
    const res = await admin.form("/admin", { intent: "grant", userId: String(demoId) });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("The demo account never administers: its password is public.");
    expect(await isAdmin(server, "demo@valuemap.example")).toBe(false);
  });
});

describe("ADMIN_EMAILS", () => {
  let named: AppServer;
  beforeAll(async () => {
    named = await startAppServer({ ADMIN_EMAILS: "Boss@Example.com, demo@valuemap.example" });
  });
  afterAll(async () => {
    await named?.stop();
  });

  it("makes the named account an administrator when it signs up (any case), never the demo account", async () => {
    await signUp(named, "other@example.com");
    const boss = await signUp(named, "boss@example.com");
    expect(await isAdmin(named, "boss@example.com")).toBe(true);
    expect(await isAdmin(named, "other@example.com")).toBe(false);
    expect(await isAdmin(named, "demo@valuemap.example")).toBe(false);
    expect((await boss.request("/admin")).status).toBe(200);
  });

  it("makes an existing account named in ADMIN_EMAILS an administrator at start, and says so", async () => {
    await signUp(named, "later@example.com");
    expect(await isAdmin(named, "later@example.com")).toBe(false);
    // The same database, restarted by the operator with the account added to ADMIN_EMAILS.
    const restarted = await startAppServer({ ADMIN_EMAILS: "boss@example.com,later@example.com" }, named.databaseFile ? { databaseFile: named.databaseFile } : { databaseUrl: named.databaseUrl });
    try {
      expect(await isAdmin(restarted, "later@example.com")).toBe(true);
      expect(restarted.output()).toContain("[valuemap] administrators from ADMIN_EMAILS: later@example.com");
    } finally {
      await restarted.stop();
    }
  });
});

describe("DEMO=off", () => {
  it("starts an empty installation without the demo account and without the demo line", async () => {
    const bare = await startAppServer({ DEMO: "off" });
    try {
      expect((await fetch(`${bare.url}/s/demo`)).status).toBe(404);
      expect(bare.output()).not.toContain("demo account");
    } finally {
      await bare.stop();
    }
  });
});
