import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startAppServer, type AppServer } from "../helpers/app-server";

/*
 * Issue 14, item 7: sign-up tells nobody which e-mails have accounts, refuses passwords from a
 * maintained list of common ones (@zxcvbn-ts/language-common) and repetitive ones, and is
 * throttled per address (10 an hour). Its own server, believing X-Forwarded-For from loopback.
 */
let server: AppServer;
beforeAll(async () => {
  server = await startAppServer({ TRUST_PROXY: "loopback", SIGN_UP_PER_ADDRESS_PER_HOUR: "10" });
});
afterAll(async () => {
  await server?.stop();
});

let n = 0;
const ip = () => `198.51.100.${++n}`;
const signUp = (email: string, password: string, from = ip()) => new Client(server.url).form("/signup", { email, password }, { "X-Forwarded-For": from });
/** The page's message (the role=alert paragraph or the field's error). */
const messages = async (res: Response) => [...(await res.text()).matchAll(/<p[^>]*(?:role="alert"|class="error")[^>]*>([^<]*)<\/p>/g)].map((m) => m[1]);

describe("sign-up", () => {
  it("answers an e-mail that has an account with the same message as any account not created, and signs nobody in", async () => {
    expect((await signUp("existing@example.com", "correct horse battery")).status).toBe(302);
    const taken = await signUp("existing@example.com", "another long passphrase");
    expect(taken.status).toBe(200);
    expect(taken.headers.getSetCookie().some((l) => l.startsWith("vm_session="))).toBe(false);
    const text = await messages(taken);
    expect(text).toEqual([
      "No new account was created with these details. If this e-mail address already has an account, sign in with its password; if you forgot it, ask your Valuemap administrator for a reset link.",
    ]);
    expect(text.join(" ")).not.toMatch(/already exists|taken/);
  });

  it("refuses common passwords from the list and repetitive ones, naming the rule, and creates nothing", async () => {
    for (const [password, message] of [
      ["password1234", "This password is on a list of common passwords that attackers try first: choose another."],
      ["qwertyuiop12", "This password is on a list of common passwords that attackers try first: choose another."],
      ["aaaaaaaaaaaa", "This password repeats too few characters: choose one with at least 5 different characters."],
      ["abababababab", "This password repeats too few characters: choose one with at least 5 different characters."],
    ] as const) {
      const res = await signUp(`weak-${password}@example.com`, password);
      expect(res.status).toBe(400);
      expect(await messages(res)).toContain(message);
    }
    const db = await server.openDb();
    try {
      expect(await db.rows(sql`select email from users where email like 'weak-%'`)).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it("creates at most 10 accounts an hour from one address, then says when to try again (429)", async () => {
    const from = "203.0.113.60";
    for (let i = 0; i < 10; i++) expect((await signUp(`burst${i}@example.com`, "correct horse battery", from)).status).toBe(302);
    const refused = await signUp("burst10@example.com", "correct horse battery", from);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await messages(refused)).join(" ")).toMatch(/^Too many accounts were created from this network: please try again in \d+ minutes\.$/);
    // Another address still can.
    expect((await signUp("burst10@example.com", "correct horse battery", "203.0.113.61")).status).toBe(302);
  });
});
