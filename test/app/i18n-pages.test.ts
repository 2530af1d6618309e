import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en, type MessageKey } from "../../app/i18n/en";
import { AREAS } from "../../app/i18n/messages.server";
import { zhCN } from "../../app/i18n/zh-CN";
import { Client, PHONE_USER_AGENT, startAppServer, type AppServer } from "../helpers/app-server";

/**
 * Each page carries only its areas' messages in the visitor's language (issue 16): nothing of
 * the dictionaries is in the browser's JavaScript, the respondent page holds no researcher text,
 * an English report holds no Chinese message.
 */
const root = path.resolve(import.meta.dirname, "../..");
let server: AppServer;
beforeAll(async () => {
  server = await startAppServer();
});
afterAll(async () => {
  await server?.stop();
});

const entries = (dictionary: Record<MessageKey, string>) => Object.entries(dictionary) as Array<[MessageKey, string]>;
const inArea = (key: string, areas: Array<keyof typeof AREAS>) => areas.some((a) => AREAS[a].some((p) => key.startsWith(p)));
/** Message texts long enough not to occur by chance; placeholders cut off. */
const distinctive = (text: string) => text.split("{")[0]!.trim();

describe("messages per page", () => {
  it("ships no dictionary in the browser's JavaScript", () => {
    const dir = path.join(root, "build/client/assets");
    const js = fs.readdirSync(dir).filter((f) => f.endsWith(".js")).map((f) => fs.readFileSync(path.join(dir, f), "utf8")).join("\n");
    const found = [...entries(en), ...entries(zhCN)].map(([, text]) => distinctive(text)).filter((text) => text.length >= 24 && js.includes(text));
    expect(found).toEqual([]);
  });

  it("sends the respondent page the respondent messages and none of the researchers' screens", async () => {
    const html = await (await fetch(`${server.url}/s/demo`, { headers: { "User-Agent": PHONE_USER_AGENT, "Accept-Language": "en" } })).text();
    expect(html).toContain(JSON.stringify(en["respondent.loading"]).slice(1, -1));
    const foreign = entries(en)
      .filter(([key]) => !inArea(key, ["common", "respondent"]))
      .map(([, text]) => distinctive(text))
      .filter((text) => text.length >= 20 && html.includes(text));
    expect(foreign).toEqual([]);
  });

  it("sends an English report no Chinese message", async () => {
    const client = new Client(server.url);
    expect((await client.form("/signin", { email: "demo@valuemap.example", password: "valuemap-demo-2026" })).status).toBe(302);
    const html = await (await client.request("/studies/1/report")).text();
    expect(html).toContain(en["report.takeaway.title"]);
    const english = new Set<string>(Object.values(en));
    const chinese = entries(zhCN)
      .filter(([key, text]) => inArea(key, ["report"]) && !english.has(text))
      .map(([, text]) => distinctive(text))
      .filter((text) => text.length >= 6 && html.includes(text));
    expect(chinese).toEqual([]);
  });
});
