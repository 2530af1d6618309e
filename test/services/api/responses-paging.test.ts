import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiResponses } from "../../../app/lib/api/api-data.server";
import { handleRespondentRequest } from "../../../app/lib/fieldwork/respondent.server";
import { demoAnswers } from "../../fixtures/answers";
import { demoDb } from "../demo-db";

/**
 * The responses endpoint's cursor: paging to the end returns every finished response exactly
 * once, even while others complete between (and during) the pages, and a response that started
 * before another but finished after it is not skipped (the cursor is commit order, not the id).
 */
let demo: Awaited<ReturnType<typeof demoDb>>;
let n = 0;
beforeAll(async () => {
  demo = await demoDb();
});
afterAll(() => demo.cleanup());

type Page = { responses: Array<{ id: number; status: string }>; next: string; hasMore: boolean };
async function page(since: string, limit: number): Promise<Page> {
  const result = await apiResponses(demo.db, demo.study.id, new URLSearchParams({ since, limit: String(limit) }));
  if (!result.ok) throw new Error(result.error);
  return result.body as Page;
}

const send = (intent: "start" | "complete", responseId: string) =>
  handleRespondentRequest(
    demo.db,
    "demo",
    intent === "start" ? { intent, responseId, locale: "en", stage: "rating" } : { intent, responseId, locale: "en", stage: "rating", answers: demoAnswers() },
    `device-${responseId}`,
  ).then((r) => expect(r.status).toBe(200));

const newId = () => `paging-test-${String(++n).padStart(4, "0")}`;

async function finishedIds(): Promise<number[]> {
  const rows = await demo.db.rows<{ id: number }>(
    sql`select r.id from responses r join questionnaires q on q.id = r.questionnaire_id
        where q.study_id = ${demo.study.id} and r.status in ('complete', 'screened_out') order by r.id`,
  );
  return rows.map((r) => Number(r.id));
}

describe("GET /api/studies/:id/responses paging (service)", () => {
  it("returns every finished response once while others complete during the paging", async () => {
    const seen: number[] = [];
    let cursor = "0";
    let writing = true;
    const writer = (async () => {
      for (let i = 0; i < 25; i++) {
        const id = newId();
        await send("start", id);
        await send("complete", id);
      }
      writing = false;
    })();
    const reader = (async () => {
      // Pages of 7 until the writer is done and a page says there is no more.
      for (;;) {
        const p = await page(cursor, 7);
        seen.push(...p.responses.map((r) => r.id));
        cursor = p.next;
        if (!p.hasMore && !writing) break;
      }
    })();
    await Promise.all([writer, reader]);
    const last = await page(cursor, 500);
    seen.push(...last.responses.map((r) => r.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort((a, b) => a - b)).toEqual(await finishedIds());
  });

  it("does not skip a response that started earlier but finished after the page that followed a later one", async () => {
    const { next: start } = await page("0", 500).then(async function drain(p): Promise<Page> {
      return p.hasMore ? drain(await page(p.next, 500)) : p;
    });
    const early = newId();
    const late = newId();
    await send("start", early);
    await send("start", late);
    await send("complete", late);
    const first = await page(start, 10);
    expect(first.responses).toHaveLength(1);
    await send("complete", early);
    const second = await page(first.next, 10);
    expect(second.responses).toHaveLength(1);
    // The earlier-started response has the lower id: paging by id would have skipped it.
    expect(second.responses[0]!.id).toBeLessThan(first.responses[0]!.id);
    expect((await page(second.next, 10)).responses).toEqual([]);
  });

  it("refuses a malformed cursor or limit with the reason", async () => {
    expect(await apiResponses(demo.db, demo.study.id, new URLSearchParams({ since: "abc" }))).toEqual({
      ok: false,
      error: "since requires the cursor of a previous page (a whole number)",
    });
    expect(await apiResponses(demo.db, demo.study.id, new URLSearchParams({ limit: "501" }))).toEqual({ ok: false, error: "limit requires a whole number from 1 to 500" });
  });
});
