import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startAppServer, type AppServer } from "../helpers/app-server";

// Its own server: every request comes from 127.0.0.1, so the per-IP limit would refuse the
// other test files' sign-ins too.
let server: AppServer;

beforeAll(async () => {
  server = await startAppServer();
});
afterAll(async () => {
  await server?.stop();
});

const signIn = (email: string, password: string) => new Client(server.url).form("/signin", { email, password });

describe("sign-in throttle", () => {
  it("refuses the 101st failed sign-in within the hour even with the right password", async () => {
    const client = new Client(server.url);
    expect((await client.form("/signup", { email: "target@example.com", password: "correct horse battery" })).status).toBe(302);
    for (let i = 0; i < 100; i++) {
      const res = await signIn("target@example.com", `wrong password ${i}`);
      expect(res.status).toBe(200);
    }
    const right = await signIn("target@example.com", "correct horse battery");
    expect(right.status).toBe(200);
    expect(await right.text()).toContain("Too many failed sign-ins for this account or network");
    expect(right.headers.getSetCookie().some((l) => l.startsWith("vm_session="))).toBe(false);
  }, 60_000);

  it("refuses other accounts from the same IP address after 100 failures from it", async () => {
    const client = new Client(server.url);
    expect((await client.form("/signup", { email: "neighbour@example.com", password: "correct horse battery" })).status).toBe(302);
    const res = await signIn("neighbour@example.com", "correct horse battery");
    expect(await res.text()).toContain("Too many failed sign-ins");
  });
});
