import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postJson, startAppServer, type AppServer } from "../helpers/app-server";
import { openRespondentPage, postAsPage } from "../helpers/respondent-browser";

let server: AppServer;

beforeAll(async () => {
  server = await startAppServer({ RESPONDENT_RATE_LIMIT: "5" });
});
afterAll(async () => {
  await server?.stop();
});

describe("respondent API rate limit", () => {
  it("answers 429 with Retry-After once an address has used its requests for a link", async () => {
    // Opening the page (GET) is not counted; each of its requests to the API is.
    const page = await openRespondentPage(server.url, "demo");
    for (let i = 0; i < 5; i++) {
      const res = await postAsPage(server.url, "demo", page, { intent: "start", responseId: `rate-limit-${i}`.padEnd(12, "x") });
      expect(res.status).toBe(200);
    }
    const refused = await postAsPage(server.url, "demo", page, { intent: "start", responseId: "rate-limit-over" });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await refused.json()).error).toMatch(/^too many requests for this questionnaire from this address: try again in \d+ seconds$/);
  });

  it("counts each link separately", async () => {
    const res = await postJson(server.url, "/s/no-such-token/responses", { intent: "start", responseId: "other-link-01" });
    expect(res.status).toBe(404);
  });
});
