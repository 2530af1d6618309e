import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startAppServer, type AppServer } from "../helpers/app-server";

/*
 * Issue 14, item 3: the sign-in throttle slows guessing down with growing waits per address and
 * per account, and can never be turned against the owner: the right password from an address
 * that has not failed on the account always signs in. Its own server, believing X-Forwarded-For
 * from loopback (TRUST_PROXY) so the test can speak from many addresses (RFC 5737 ranges).
 */
let server: AppServer;

beforeAll(async () => {
  server = await startAppServer({ TRUST_PROXY: "loopback", ADMIN_EMAILS: "target@example.com" });
});
afterAll(async () => {
  await server?.stop();
});

const PASSWORD = "correct horse battery";
const signIn = (email: string, password: string, ip: string) =>
  new Client(server.url).form("/signin", { email, password }, { "X-Forwarded-For": ip });
const signedIn = (res: Response) => res.status === 302 && res.headers.getSetCookie().some((l) => l.startsWith("vm_session="));

async function signUp(email: string, ip: string) {
  const res = await new Client(server.url).form("/signup", { email, password: PASSWORD }, { "X-Forwarded-For": ip });
  expect(res.status).toBe(302);
}

describe("sign-in throttle", () => {
  it("100 wrong passwords for an account from 50 addresses do not lock its owner out: the right password from a new address signs in", async () => {
    await signUp("target@example.com", "198.51.100.200");
    const attempts = Array.from({ length: 100 }, (_, i) => signIn("target@example.com", `wrong password ${i}`, `203.0.113.${i % 50}`));
    const answers = await Promise.all(attempts);
    expect(answers.every((r) => r.status === 200 || r.status === 429)).toBe(true);
    expect(answers.some(signedIn)).toBe(false);
    const owner = await signIn("target@example.com", PASSWORD, "198.51.100.7");
    expect(signedIn(owner)).toBe(true);
    // Again, repeatably.
    await Promise.all(Array.from({ length: 20 }, (_, i) => signIn("target@example.com", `wrong again ${i}`, `203.0.113.${i}`)));
    expect(signedIn(await signIn("target@example.com", PASSWORD, "198.51.100.8"))).toBe(true);
  }, 120_000);

  it("an address that keeps failing on an account waits longer and longer, even with the right password, and is told for how long", async () => {
    await signUp("slowed@example.com", "198.51.100.201");
    const ip = "203.0.113.77";
    // 5 free failures for an account from one address (SIGN_IN_FREE_FAILURES), then waits of 1, 2, 4... s.
    for (let i = 0; i < 5; i++) expect((await signIn("slowed@example.com", `nope ${i}`, ip)).status).toBe(200);
    const waiting = await signIn("slowed@example.com", PASSWORD, ip);
    expect(waiting.status).toBe(429);
    expect(waiting.headers.get("Retry-After")).toBe("1");
    expect(await waiting.text()).toContain("please wait 1 seconds before trying again");
    await new Promise((r) => setTimeout(r, 1100));
    expect((await signIn("slowed@example.com", "nope again", ip)).status).toBe(200);
    const longer = await signIn("slowed@example.com", PASSWORD, ip);
    expect(longer.status).toBe(429);
    expect(longer.headers.get("Retry-After")).toBe("2");
    // Meanwhile the owner elsewhere is not affected.
    expect(signedIn(await signIn("slowed@example.com", PASSWORD, "198.51.100.9"))).toBe(true);
  }, 30_000);

  it("an address failing on many accounts waits for all of them (20 free failures per address)", async () => {
    await signUp("neighbour@example.com", "198.51.100.202");
    const ip = "203.0.113.150";
    for (let i = 0; i < 20; i++) expect((await signIn(`nobody${i}@example.com`, "wrong password", ip)).status).toBe(200);
    const res = await signIn("neighbour@example.com", PASSWORD, ip);
    expect(res.status).toBe(429);
    expect(await res.text()).toContain("Too many failed sign-ins from this network");
    expect(signedIn(await signIn("neighbour@example.com", PASSWORD, "198.51.100.10"))).toBe(true);
  }, 30_000);

  it("records bursts in the administrators' security log: per account and per address, shown on /admin", async () => {
    const db = await server.openDb();
    try {
      const rows = await db.rows<{ kind: string; email: string; ip: string }>(sql`select kind, email, ip from security_events order by id`);
      expect(rows).toContainEqual({ kind: "signInBurstAccount", email: "target@example.com", ip: "" });
      expect(rows).toContainEqual({ kind: "signInBurstAddress", email: "", ip: "203.0.113.150" });
    } finally {
      await db.close();
    }
    // The owner (an administrator here, ADMIN_EMAILS) reads them on the administrators' page.
    const admin = new Client(server.url);
    expect((await admin.form("/signin", { email: "target@example.com", password: PASSWORD }, { "X-Forwarded-For": "198.51.100.30" })).status).toBe(302);
    const page = await (await admin.request("/admin")).text();
    // At least 20: the 100 tries came in parallel, so a few more may have landed before the check.
    expect(page).toMatch(/Many failed sign-ins for target@example\.com \((\d{2,3}) within the hour\)/);
    expect(page).toContain("Many failed sign-ins from the address 203.0.113.150 (20 within the hour)");
  });
});
