import { sql, type SQL } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { createInvitations } from "../../db/queries/invitations";
import { setQuotas } from "../../db/queries/quotas";
import { DEMO_EMAIL, DEMO_PASSWORD } from "../../db/seed-demo";
import { demoAnswers } from "../fixtures/answers";
import { Client, startAppServer, type AppServer } from "../helpers/app-server";
import { openRespondentPage, postAsPage } from "../helpers/respondent-browser";
import { TEST_ENGINE } from "../helpers/engine";

/**
 * Two stateless app instances on one PostgreSQL database (issue 8): respondents whose requests
 * land on either instance, the same response submitted to both at once, a quota filled from both
 * sides, a researcher session used across instances and personal links used on both. This file
 * runs in the postgres project only (vite.config.ts).
 */
let a: AppServer;
let b: AppServer;
let db: Db;
let studyId: number;

beforeAll(async () => {
  if (TEST_ENGINE !== "postgres") throw new Error("the multi-instance test runs on PostgreSQL only (vitest --project postgres)");
  a = await startAppServer();
  // The second instance on the first one's database, on a port of its own.
  b = await startAppServer({}, { databaseUrl: a.databaseUrl });
  db = await a.openDb();
  const [study] = await db.rows<{ id: number }>(sql`select id from studies where public_token = 'demo'`);
  studyId = study!.id;
});
afterAll(async () => {
  await db?.close();
  await b?.stop(); // b first: a owns the database and drops it
  await a?.stop();
});

type Instance = "a" | "b";

interface Answer {
  instance: Instance;
  status: number;
  body: { ok?: boolean; responseId?: string; outcome?: string; status?: string; screenReason?: string | null; error?: string };
}

/** One request of a phone that just opened the page on `instance` (its own device cookie and page proof). */
async function api(instance: Instance, body: Record<string, unknown>): Promise<Answer> {
  const url = (instance === "a" ? a : b).url;
  const res = await postAsPage(url, "demo", await openRespondentPage(url, "demo"), body);
  return { instance, status: res.status, body: (await res.json()) as Answer["body"] };
}

const other = (instance: Instance): Instance => (instance === "a" ? "b" : "a");

/** Runs `jobs` with at most `width` at a time. */
async function pool<T>(jobs: Array<() => Promise<T>>, width: number): Promise<T[]> {
  const results: T[] = new Array<T>(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < jobs.length) {
        const i = next++;
        results[i] = await jobs[i]!();
      }
    }),
  );
  return results;
}

async function countOf(query: SQL): Promise<number> {
  const [row] = await db.rows<{ n: number }>(query);
  return row!.n;
}

/** Complete, non-excluded responses of the demo study in the office segment: what the quota counts. */
const officeComplete = () =>
  countOf(sql`select cast(count(*) as integer) as "n" from responses r
    join questionnaires q on q.id = r.questionnaire_id
    join response_profile p on p.response_id = r.id
    where q.study_id = ${studyId} and r.status = 'complete' and (r.review is null or r.review <> 'exclude')
      and p.question_code = 'segment' and p.value = 'office'`);

describe("two app instances on one PostgreSQL database", () => {
  it("fills a quota exactly from both instances and stores every acknowledged completion once", async () => {
    const before = await officeComplete();
    const QUOTA_ROOM = 12;
    const target = before + QUOTA_ROOM;
    await setQuotas(db, { studyId, questionCode: "segment", targets: { office: target } });

    const OFFICE = 60;
    const HOME = 20;
    const unexpected: string[] = [];
    const acked = new Map<string, Answer[]>();
    /** Respondents whose start and completion were each sent to both instances at the same moment. */
    const both = new Set<string>();

    const respondent = (i: number) => async () => {
      const segment = i < OFFICE ? "office" : "home";
      const id = `multi-${segment}-${String(i).padStart(3, "0")}`;
      const first: Instance = i % 2 === 0 ? "a" : "b";
      const check = (answer: Answer, what: string) => {
        if (answer.status !== 200 || answer.body.ok !== true) unexpected.push(`${what} ${id} on ${answer.instance}: HTTP ${answer.status} ${JSON.stringify(answer.body)}`);
        return answer;
      };
      const racing = i % 5 === 0;
      if (racing) both.add(id);
      // Start (on both at once for the racing ones), drafts alternating between the instances.
      const starts: Instance[] = racing ? ["a", "b"] : [first];
      for (const answer of await Promise.all(starts.map((x) => api(x, { intent: "start", responseId: id })))) {
        check(answer, "start");
        if (answer.body.responseId !== id) unexpected.push(`start ${id} on ${answer.instance} resumed ${answer.body.responseId}`);
      }
      for (const seq of [1, 2]) {
        const on = seq === 1 ? other(first) : first;
        const draft = check(await api(on, { intent: "draft", responseId: id, seq, pageNo: seq, answers: { known_offers: ["aster"], note: `${id}#${seq}` } }), "draft");
        if (draft.body.ok && draft.body.outcome !== "saved") unexpected.push(`draft ${id} seq ${seq} on ${on}: ${draft.body.outcome}`);
      }
      // Complete on the other instance than the start (on both at once for the racing ones).
      const answers = demoAnswers({ profile_segment: segment });
      const completes: Instance[] = racing ? ["a", "b"] : [other(first)];
      const told = await Promise.all(completes.map((x) => api(x, { intent: "complete", responseId: id, answers })));
      for (const answer of told) check(answer, "complete");
      acked.set(id, told.filter((t) => t.status === 200 && t.body.ok === true));
    };
    await pool(Array.from({ length: OFFICE + HOME }, (_, i) => respondent(i)), 24);

    expect(unexpected).toEqual([]);
    expect(acked.size).toBe(OFFICE + HOME);

    // The quota holds exactly, though completions reached it from both instances at once.
    expect(await officeComplete()).toBe(target);

    const stored = await db.rows<{ clientId: string; status: string; screenReason: string | null; seq: number; segment: string | null }>(
      sql`select r.client_id as "clientId", r.status, r.screen_reason as "screenReason", r.seq,
            (select p.value from response_profile p where p.response_id = r.id and p.question_code = 'segment') as "segment"
          from responses r where r.client_id like 'multi-%'`,
    );
    const byId = new Map(stored.map((r) => [r.clientId, r]));
    expect(stored.length).toBe(byId.size); // no client id stored twice
    expect(stored.length).toBe(OFFICE + HOME);
    const problems: string[] = [];
    for (const [id, answers] of acked) {
      const row = byId.get(id);
      if (!row) {
        problems.push(`acknowledged completion ${id} not stored`);
        continue;
      }
      for (const answer of answers) {
        if (answer.body.status !== row.status) problems.push(`${id}: told ${answer.body.status} on ${answer.instance}, stored ${row.status}`);
      }
      if (row.seq !== 2) problems.push(`${id}: stored seq ${row.seq}, the last acknowledged draft was 2`);
      const expectedSegment = id.startsWith("multi-office") ? "office" : "home";
      if (row.segment !== expectedSegment) problems.push(`${id}: stored segment ${row.segment}`);
      if (row.status === "screened_out" && (row.screenReason !== "quota_full" || expectedSegment !== "office")) {
        problems.push(`${id}: screened out (${row.screenReason}) in segment ${expectedSegment}`);
      }
      if (row.status !== "complete" && row.status !== "screened_out") problems.push(`${id}: stored ${row.status}`);
      // Sent to both instances: one of them completed it, the other found it finished.
      if (both.has(id)) {
        const outcomes = answers.map((x) => x.body.outcome).sort();
        if (JSON.stringify(outcomes) !== JSON.stringify(["already-finished", "completed"])) problems.push(`${id}: outcomes ${outcomes.join(", ")}`);
      }
    }
    expect(problems).toEqual([]);
    const ours = [...byId.values()];
    // Exactly the room the quota had went to this run's office respondents; the rest were screened out as quota_full.
    expect(ours.filter((r) => r.segment === "office" && r.status === "complete").length).toBe(QUOTA_ROOM);
    expect(ours.filter((r) => r.segment === "office" && r.status === "screened_out" && r.screenReason === "quota_full").length).toBe(OFFICE - QUOTA_ROOM);
    expect(ours.filter((r) => r.segment === "home" && r.status === "complete").length).toBe(HOME);
    // Both instances completed some of them.
    const completedOn = new Set([...acked.values()].flat().filter((x) => x.body.outcome === "completed").map((x) => x.instance));
    expect(completedOn).toEqual(new Set(["a", "b"]));
    // And no client id anywhere in the database is stored twice.
    expect(await db.rows(sql`select client_id from responses group by client_id having count(*) > 1`)).toEqual([]);
  }, 120_000);

  it("keeps a researcher's session across instances: signed in on A, pages on B, signed out on B ends it on A", async () => {
    const onA = new Client(a.url);
    const signIn = await onA.form("/signin", { email: DEMO_EMAIL, password: DEMO_PASSWORD });
    expect(signIn.status).toBe(302);
    const cookie = onA.cookieHeader;
    expect(cookie).toContain("vm_session=");

    // Instance B has never seen this session: it reads it from the database.
    const onB = (path: string, init: RequestInit = {}) =>
      fetch(b.url + path, { ...init, redirect: "manual", headers: { ...(init.headers as Record<string, string>), Cookie: cookie } });
    const studies = await onB("/studies");
    expect(studies.status).toBe(200);
    expect(await studies.text()).toContain("Home espresso machines 2026");
    const report = await onB(`/studies/${studyId}/report`);
    expect(report.status).toBe(200);
    expect(await report.text()).toMatch(/\d+ complete responses/);

    // A form on B with the session's CSRF token, read on B: signing out there ends the session on A.
    const page = await (await onB("/account/password")).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1];
    expect(csrf).toBeDefined();
    const signOut = await onB("/signout", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: b.url },
      body: new URLSearchParams({ csrf: csrf! }).toString(),
    });
    expect(signOut.status).toBe(302);
    expect((await fetch(`${a.url}/studies`, { redirect: "manual", headers: { Cookie: cookie } })).status).not.toBe(200);
    expect((await onB("/studies")).status).not.toBe(200);
  });

  it("lets a personal link start one response only, whichever instance each request reaches", async () => {
    const tokens = Array.from({ length: 11 }, (_, i) => `multi-invite-${String(i).padStart(2, "0")}-x7Qp2`);
    await createInvitations(db, { studyId, rows: tokens.map((token, i) => ({ token, label: `Invitee ${i}`, email: null })), now: Date.now() });

    // Used on A, then opened on B with another device's id: B resumes A's response, starts none.
    const [used, ...raced] = tokens;
    const started = await api("a", { intent: "start", responseId: "invited-on-a-0001", invite: used });
    expect(started).toMatchObject({ status: 200, body: { ok: true, responseId: "invited-on-a-0001", status: "draft" } });
    const elsewhere = await api("b", { intent: "start", responseId: "invited-on-b-0001", invite: used });
    expect(elsewhere).toMatchObject({ status: 200, body: { ok: true, responseId: "invited-on-a-0001", status: "draft" } });
    const completed = await api("b", { intent: "complete", responseId: "invited-on-b-0001", invite: used, answers: demoAnswers() });
    expect(completed).toMatchObject({ status: 200, body: { ok: true, outcome: "completed", status: "complete" } });
    const again = await api("a", { intent: "start", responseId: "invited-on-a-0002", invite: used });
    expect(again).toMatchObject({ status: 200, body: { ok: true, responseId: "invited-on-a-0001", status: "complete" } });

    // Ten more links, each opened on both instances at the same moment by two devices.
    const pairs = await Promise.all(
      raced.map((invite, i) =>
        Promise.all([
          api("a", { intent: "start", responseId: `race-a-${i}-000000`, invite }),
          api("b", { intent: "start", responseId: `race-b-${i}-000000`, invite }),
        ]),
      ),
    );
    for (const [onA, onB] of pairs) {
      expect(onA!.status).toBe(200);
      expect(onB!.status).toBe(200);
      expect(onA!.body.responseId).toBe(onB!.body.responseId); // both devices resume one response
    }

    const perInvitation = await db.rows<{ token: string; responses: number; clientIds: string }>(
      sql`select i.token, cast(count(r.id) as integer) as "responses", coalesce(string_agg(r.client_id, ','), '') as "clientIds"
          from respondent_invitations i left join responses r on r.invitation_id = i.id
          where i.study_id = ${studyId} and i.token like 'multi-invite-%' group by i.token order by i.token`,
    );
    expect(perInvitation.map((r) => r.responses)).toEqual(tokens.map(() => 1));
    expect(perInvitation[0]).toMatchObject({ token: used, clientIds: "invited-on-a-0001" });
    expect(await countOf(sql`select cast(count(*) as integer) as "n" from responses where client_id like 'invited-on-b-%' or client_id like 'invited-on-a-0002'`)).toBe(0);
  });
});
