import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "../../app/i18n/en";
import { zhCN } from "../../app/i18n/zh-CN";
import { DEMO_EMAIL, DEMO_PASSWORD } from "../../db/seed-demo";
import { Client, startAppServer, type AppServer } from "../helpers/app-server";

/** The API tokens, panel, webhooks and import pages render in English and Chinese, with their forms' errors in place. */
let server: AppServer;
const clients = {} as Record<"en" | "zh-CN", Client>;
beforeAll(async () => {
  server = await startAppServer();
  for (const lang of ["en", "zh-CN"] as const) {
    clients[lang] = new Client(server.url);
    expect((await clients[lang].form("/signin", { email: DEMO_EMAIL, password: DEMO_PASSWORD })).status).toBe(302);
    expect((await clients[lang].form("/lang", { locale: lang, next: "/studies" })).status).toBe(302);
  }
});
afterAll(async () => {
  await server?.stop();
});

const dictionaries = { en, "zh-CN": zhCN } as const;

describe("integration pages", () => {
  for (const lang of ["en", "zh-CN"] as const) {
    const d = dictionaries[lang];
    it(`render in ${lang}`, async () => {
      for (const [path, title] of [
        ["/account/api-tokens", d["apiTokens.title"]],
        ["/studies/1/panel", d["panel.title"]],
        ["/studies/1/webhooks", d["webhooks.title"]],
        ["/studies/1/import", d["import.title"]],
      ] as const) {
        const res = await clients[lang].request(path);
        expect(res.status, path).toBe(200);
        const html = await res.text();
        expect(html, path).toContain(title);
        if (path.startsWith("/studies")) expect(html, path).toContain(`>${d["integrations.import"]}</a>`);
      }
    });

    it(`show a token once and the errors of bad input in ${lang}`, async () => {
      const bad = await clients[lang].form("/account/api-tokens", { intent: "create", name: "", scope: "admin" });
      expect(bad.status).toBe(400);
      const html = await bad.text();
      expect(html).toContain(d["apiTokens.error.name"]);
      expect(html).toContain(d["apiTokens.error.scope"]);
      const made = await (await clients[lang].form("/account/api-tokens", { intent: "create", name: `Token ${lang}`, scope: "read" })).text();
      expect(made).toContain(d["apiTokens.createdOnce"]);
      const token = /data-testid="new-api-token">(vm_[A-Za-z0-9_-]+)</.exec(made)?.[1];
      expect(token).toBeDefined();
      expect(await (await clients[lang].request("/account/api-tokens")).text()).not.toContain(token!);
      const studies = await fetch(`${server.url}/api/studies`, { headers: { Authorization: `Bearer ${token}` } });
      expect(studies.status).toBe(200);
      expect(((await studies.json()) as { studies: Array<{ title: string }> }).studies.map((s) => s.title)).toContain("Home espresso machines 2026");
    });

    it(`lists an import's problems by line in ${lang}`, async () => {
      const body = new FormData();
      body.set("csrf", (await clients[lang].csrf())!);
      body.set("file", new Blob(["respondent_id,rating_aster_taste\r\nok1,8\r\nbad1,12\r\n"], { type: "text/csv" }), "ratings.csv");
      const res = await clients[lang].request("/studies/1/import", { method: "POST", headers: { Origin: server.url }, body });
      expect(res.status).toBe(422);
      const html = await res.text();
      const line = d["import.line"].replace("{line}", "3");
      const problem = d["import.error.score"].replace("{column}", "rating_aster_taste").replace("{value}", "12");
      expect(html).toContain(`${line}: ${problem}`);
    });
  }

  it("serves the OpenAPI document, a JSON 404 for unknown API addresses, and the API's data with a token", async () => {
    const doc = await fetch(`${server.url}/api/openapi.json`);
    expect(doc.status).toBe(200);
    expect(((await doc.json()) as { openapi: string }).openapi).toBe("3.1.0");
    const missing = await fetch(`${server.url}/api/nothing-here`);
    expect([missing.status, missing.headers.get("Content-Type")]).toEqual([404, "application/json; charset=utf-8"]);
    const made = await (await clients.en.form("/account/api-tokens", { intent: "create", name: "data", scope: "read" })).text();
    const token = /data-testid="new-api-token">(vm_[A-Za-z0-9_-]+)</.exec(made)![1]!;
    const get = (path: string) => fetch(`${server.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
    const analysis = (await (await get("/api/studies/1/analysis?flagged=in&line=parity")).json()) as {
      options: { line: string; flagged: string };
      counts: { complete: number; analysed: number };
      analysis: { valueMap: { ok: boolean } };
    };
    expect(analysis.options).toMatchObject({ line: "parity", flagged: "in" });
    expect(analysis.counts.analysed).toBe(analysis.counts.complete);
    expect(analysis.analysis.valueMap.ok).toBe(true);
    const page = (await (await get("/api/studies/1/responses?limit=3")).json()) as { responses: Array<{ id: number; ratings: object }>; next: string; hasMore: boolean };
    expect(page.responses).toHaveLength(3);
    expect(page.hasMore).toBe(true);
    const csv = await get("/api/studies/1/exports/raw-wide.csv");
    expect([csv.status, csv.headers.get("Content-Type")]).toEqual([200, "text/csv; charset=utf-8"]);
    expect((await csv.text()).split("\r\n")[0]).toMatch(/^respondent_id,wave,/);
    const write = await fetch(`${server.url}/api/studies/1/imports`, { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "text/csv" }, body: "respondent_id\r\n1" });
    expect(write.status).toBe(403);
  });
});
