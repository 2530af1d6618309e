import http from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { demoAnswers } from "../fixtures/answers";
import { PHONE_USER_AGENT, startAppServer, type AppServer } from "../helpers/app-server";
import { launchChromium } from "../helpers/browser";

/*
 * Issue 14, item 1, in Chromium: a page on another origin (served by this test on `localhost`,
 * another site than the app's 127.0.0.1) makes its visitors' browsers post completions to the
 * respondent API, as the probe did: `fetch` with `mode: "no-cors"` and a text/plain body, a
 * `cors` fetch with a JSON body, and a hidden form posted with `enctype="text/plain"`. The
 * visitor has opened the questionnaire before (the device cookie is there). Nothing is stored.
 */
let server: AppServer;
let browser: Browser;
let db: Db;
let attacker: http.Server;
let attackerOrigin: string;

const attackPage = (target: string) => `<!doctype html><html><body><form id="f" method="post" enctype="text/plain" action="${target}/s/demo/responses" target="sink">
<input name='{"intent":"complete","responseId":"xsite-form-0001","answers":${JSON.stringify(JSON.stringify(demoAnswers())).slice(1, -1).replace(/'/g, "&#39;")},"x":"' value='"}'></form>
<iframe name="sink"></iframe>
<script>
const answers = ${JSON.stringify(demoAnswers())};
const url = ${JSON.stringify(target)} + "/s/demo/responses";
const sent = [];
for (let i = 0; i < 5; i++) {
  const body = JSON.stringify({ intent: "complete", responseId: "xsite-nocors-000" + i, answers });
  sent.push(fetch(url, { method: "POST", mode: "no-cors", credentials: "include", headers: { "Content-Type": "text/plain" }, body }).catch(() => null));
}
sent.push(fetch(url, { method: "POST", mode: "cors", credentials: "include", headers: { "Content-Type": "application/json" },
  body: JSON.stringify({ intent: "complete", responseId: "xsite-cors-0001", answers }) }).catch(() => null));
document.getElementById("f").submit();
Promise.all(sent).then(() => { document.title = "sent"; });
</script></body></html>`;

beforeAll(async () => {
  [server, browser] = await Promise.all([startAppServer(), launchChromium()]);
  db = await server.openDb();
  attacker = http.createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(attackPage(server.url));
  });
  await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
  attackerOrigin = `http://localhost:${(attacker.address() as AddressInfo).port}`;
});
afterAll(async () => {
  attacker?.close();
  await db?.close();
  await browser?.close();
  await server?.stop();
});

describe("cross-site submissions in Chromium", () => {
  it("stores nothing that a page on another site makes a visitor's browser send", async () => {
    const context = await browser.newContext({ userAgent: PHONE_USER_AGENT, viewport: { width: 375, height: 812 } });
    const page = await context.newPage();
    // The visitor once opened the questionnaire: the browser holds its device cookie.
    await page.goto(`${server.url}/s/demo`);
    expect((await context.cookies(`${server.url}/s/demo`)).some((c) => c.name === "vm_device")).toBe(true);
    await page.close();
    // Another tab of the same browser opens the other site; only its requests are watched.
    const attack = await context.newPage();
    const answers: number[] = [];
    attack.on("response", (res) => {
      if (res.url().endsWith("/s/demo/responses")) answers.push(res.status());
    });
    await attack.goto(attackerOrigin);
    await attack.waitForFunction(() => document.title === "sent", undefined, { timeout: 15_000 });
    await attack.waitForTimeout(500);
    const rows = await db.rows<{ clientId: string }>(sql`select client_id as "clientId" from responses where client_id like 'xsite-%'`);
    expect(rows).toEqual([]);
    // The requests did reach the server and were refused (403 cross-site / 415), not lost on the way.
    expect(answers.length).toBeGreaterThanOrEqual(5);
    expect(answers.every((s) => s === 403 || s === 415)).toBe(true);
    await context.close();
  });
});
