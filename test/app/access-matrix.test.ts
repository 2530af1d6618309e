import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { Client, startAppServer, type AppServer } from "../helpers/app-server";
import { insertId, one, snapshotTables } from "./server-db";

/**
 * Every route of app/routes against every kind of visitor: the owner, an editor and a viewer of
 * a study, another researcher with no part in it, and a signed-out visitor. Only the allowed
 * roles succeed; a researcher outside the study gets 404, a member whose role is too low 403,
 * a signed-out visitor a redirect to sign in; refused actions change nothing.
 */
type Actor = "owner" | "editor" | "viewer" | "outsider" | "visitor";
const actors: Actor[] = ["owner", "editor", "viewer", "outsider", "visitor"];

interface Check {
  /** Request path; `:id` is the study. */
  path: string;
  /** Actors that succeed. */
  allowed: Actor[];
  /**
   * Form fields of an action (a CSRF token is added for signed-in actors); `:viewer` is the
   * viewer's user id, `:actor` in a value the actor's name (names must not repeat in a study).
   */
  fields?: Record<string, string>;
  /** Signed-in actors who are refused get 404 whatever their role in the study (pages outside studies). */
  hidden?: boolean;
  /** A file sent as multipart/form-data with the fields. */
  file?: { field: string; name: string; content: string };
  /** Allowed actors get this status instead of 200/302, and nothing changes (the service refused the input, not the actor). */
  allowedStatus?: number;
}
/**
 * An API route: called with each actor's write token (the visitor has none). Allowed actors get
 * 200; a researcher outside the study 404, a member whose role is too low 403, no token 401.
 */
interface ApiCheck {
  path: string;
  method?: "POST";
  body?: string;
  allowed: Actor[];
  /** Allowed actors get this status instead (the input was refused, not the actor). */
  allowedStatus?: number;
}
type Access = { kind: "public"; why: string } | { kind: "checked"; loader?: Check; action?: Check } | { kind: "api"; checks: ApiCheck[] };

const researchers: Actor[] = ["owner", "editor", "viewer", "outsider"];
const matrix: Record<string, Access> = {
  _index: { kind: "public", why: "the home page" },
  healthz: { kind: "public", why: "health check, no data" },
  lang: { kind: "public", why: "sets the language cookie (same-origin check)" },
  signin: { kind: "public", why: "sign-in form (same-origin check, throttle)" },
  signup: { kind: "public", why: "sign-up form (same-origin check)" },
  "s.$token": { kind: "public", why: "respondent page, by public token" },
  "s.$token.responses": { kind: "public", why: "respondent API, by public token" },
  "reset.$token": { kind: "public", why: "one-time password-reset link: the token is the credential (same-origin check)" },
  // The owner administers the installation (ADMIN_EMAILS); the demo account does not.
  admin: {
    kind: "checked",
    loader: { path: "/admin", allowed: ["owner"], hidden: true },
    action: { path: "/admin", allowed: ["owner"], hidden: true, fields: { intent: "reset", userId: ":viewer" } },
  },
  "r.$token": { kind: "public", why: "read-only shared report, by a revocable share token" },
  "r.$token.export.$name": { kind: "public", why: "chart and table downloads of a shared report, by its share token (no raw data)" },
  "r.$token_.scenarios": { kind: "public", why: "read-only shared scenarios, by the report's revocable share token" },
  "r.$token_.scenarios.export.$name": { kind: "public", why: "downloads of the shared scenarios, by the share token" },
  "report-print.$token": { kind: "public", why: "the page the server's own Chromium prints for the PDF download, by a token this server process signed a minute earlier" },
  signout: { kind: "checked", action: { path: "/signout", allowed: researchers, fields: {} } },
  "account.password": { kind: "checked", loader: { path: "/account/password", allowed: researchers } },
  "studies._index": { kind: "checked", loader: { path: "/studies", allowed: researchers } },
  "invitations.$token": { kind: "checked", loader: { path: "/invitations/not-a-real-token", allowed: [] } },
  // The layout of every study page: its loader runs with each of them (the guided path), its
  // action answers a POST to /studies/:id without `?index` (the design page's action).
  "studies.$id": {
    kind: "checked",
    loader: { path: "/studies/:id/report", allowed: ["owner", "editor", "viewer"] },
    action: { path: "/studies/:id", allowed: ["owner", "editor"], fields: { intent: "addOffer", name: "Matrix offer :actor" } },
  },
  // Viewers see the design read-only.
  "studies.$id._index": {
    kind: "checked",
    loader: { path: "/studies/:id", allowed: ["owner", "editor", "viewer"] },
    action: { path: "/studies/:id?index", allowed: ["owner", "editor"], fields: { intent: "addOffer", name: "Matrix index offer :actor" } },
  },
  "studies.$id.preview": { kind: "checked", loader: { path: "/studies/:id/preview?stage=focus-group&language=zh-CN", allowed: ["owner", "editor", "viewer"] } },
  "studies.$id.report": { kind: "checked", loader: { path: "/studies/:id/report", allowed: ["owner", "editor", "viewer"] } },
  "studies.$id.report_.segments": { kind: "checked", loader: { path: "/studies/:id/report/segments", allowed: ["owner", "editor", "viewer"] } },
  "studies.$id.focus-group": {
    kind: "checked",
    loader: { path: "/studies/:id/focus-group", allowed: ["owner", "editor"] },
    action: { path: "/studies/:id/focus-group", allowed: ["owner", "editor"], fields: { intent: "merge", name: "Matrix suggestion :actor", kind: "quality" } },
  },
  "studies.$id.distribution": {
    kind: "checked",
    loader: { path: "/studies/:id/distribution", allowed: ["owner", "editor"] },
    action: { path: "/studies/:id/distribution", allowed: ["owner", "editor"], fields: { intent: "createInvitations", lines: "Matrix,matrix@example.com" } },
  },
  "studies.$id.qr[.]svg": { kind: "checked", loader: { path: "/studies/:id/qr.svg?stage=rating", allowed: ["owner", "editor"] } },
  "studies.$id.qr[.]png": { kind: "checked", loader: { path: "/studies/:id/qr.png?stage=focus-group", allowed: ["owner", "editor"] } },
  "studies.$id.invitations[.]csv": { kind: "checked", loader: { path: "/studies/:id/invitations.csv", allowed: ["owner", "editor"] } },
  "studies.$id.fieldwork": {
    kind: "checked",
    loader: { path: "/studies/:id/fieldwork", allowed: ["owner", "editor", "viewer"] },
    action: { path: "/studies/:id/fieldwork", allowed: ["owner", "editor"], fields: { intent: "nextWave" } },
  },
  "studies.$id.responses": {
    kind: "checked",
    loader: { path: "/studies/:id/responses?show=900001", allowed: ["owner", "editor", "viewer"] },
    // Response 900001 is made in beforeAll; the audit event makes every allowed review a change.
    action: { path: "/studies/:id/responses", allowed: ["owner", "editor"], fields: { intent: "review", responseId: "900001", review: "exclude" } },
  },
  "studies.$id.report.export.$name": {
    kind: "checked",
    loader: { path: "/studies/:id/report/export/raw-wide.csv", allowed: ["owner", "editor", "viewer"] },
  },
  // The matrix study's offer "matrixa" and attribute "matrixq" are made in beforeAll; saving a
  // scenario of the same name again replaces it (a new time and audit event each time).
  "studies.$id.methods": {
    kind: "checked",
    loader: { path: "/studies/:id/methods", allowed: ["owner", "editor"] },
    action: {
      path: "/studies/:id/methods",
      allowed: ["owner", "editor"],
      fields: { intent: "save", focusGroupQuality: "points", focusGroupPrice: "points", ratingQuality: "maxdiff", ratingPrice: "points", maxDiffPerTask: "4" },
    },
  },
  "studies.$id.scenarios": {
    kind: "checked",
    loader: { path: "/studies/:id/scenarios", allowed: ["owner", "editor", "viewer"] },
    action: {
      path: "/studies/:id/scenarios",
      allowed: ["owner", "editor"],
      fields: { intent: "save", name: "Matrix scenario", "changes[0].offer": "matrixa", "changes[0].target": "matrixq", "changes[0].mode": "delta", "changes[0].amount": "1" },
    },
  },
  "studies.$id.scenarios.export.$name": {
    kind: "checked",
    loader: { path: "/studies/:id/scenarios/export/scenarios.csv", allowed: ["owner", "editor", "viewer"] },
  },
  "studies.$id.share": {
    kind: "checked",
    loader: { path: "/studies/:id/share", allowed: ["owner", "editor"] },
    action: { path: "/studies/:id/share", allowed: ["owner", "editor"], fields: { intent: "create" } },
  },
  "studies.$id.strategy": {
    kind: "checked",
    loader: { path: "/studies/:id/strategy", allowed: ["owner", "editor"] },
    action: { path: "/studies/:id/strategy", allowed: ["owner", "editor"], fields: { intent: "line", line: "parity" } },
  },
  "studies.$id.customers": {
    kind: "checked",
    loader: { path: "/studies/:id/customers", allowed: ["owner", "editor", "viewer"] },
    action: { path: "/studies/:id/customers", allowed: ["owner", "editor"], fields: { intent: "parameters", discountRate: "12", cost: "0" } },
  },
  "account.api-tokens": {
    kind: "checked",
    loader: { path: "/account/api-tokens", allowed: researchers },
    action: { path: "/account/api-tokens", allowed: researchers, fields: { intent: "create", name: "Matrix token", scope: "read" } },
  },
  "studies.$id.panel": {
    kind: "checked",
    loader: { path: "/studies/:id/panel", allowed: ["owner", "editor"] },
    action: { path: "/studies/:id/panel", allowed: ["owner", "editor"], fields: { completeUrl: "https://panel.example/done?id={rid}" } },
  },
  "studies.$id.webhooks": {
    kind: "checked",
    loader: { path: "/studies/:id/webhooks", allowed: ["owner", "editor"] },
    // The server allows 127.0.0.1 (WEBHOOK_ALLOW_HOSTS); each allowed add is a new endpoint.
    action: { path: "/studies/:id/webhooks", allowed: ["owner", "editor"], fields: { intent: "add", url: "http://127.0.0.1:9/hook", events: "response.completed" } },
  },
  "studies.$id.import": {
    kind: "checked",
    loader: { path: "/studies/:id/import", allowed: ["owner", "editor"] },
    // The matrix study has no published rating questionnaire: an allowed import is refused for that (422), changing nothing.
    action: { path: "/studies/:id/import", allowed: ["owner", "editor"], file: { field: "file", name: "m.csv", content: "respondent_id\r\n1" }, allowedStatus: 422 },
  },
  "api.openapi[.]json": { kind: "public", why: "the API's OpenAPI document (no data)" },
  "api.$": { kind: "public", why: "JSON 404 for unknown API addresses" },
  "api.studies._index": { kind: "api", checks: [{ path: "/api/studies", allowed: researchers }] },
  "api.studies.$id._index": { kind: "api", checks: [{ path: "/api/studies/:id", allowed: ["owner", "editor", "viewer"] }] },
  "api.studies.$id.questionnaires": { kind: "api", checks: [{ path: "/api/studies/:id/questionnaires", allowed: ["owner", "editor"] }] },
  "api.studies.$id.responses": { kind: "api", checks: [{ path: "/api/studies/:id/responses?limit=5", allowed: ["owner", "editor", "viewer"] }] },
  "api.studies.$id.analysis": { kind: "api", checks: [{ path: "/api/studies/:id/analysis?flagged=in", allowed: ["owner", "editor", "viewer"] }] },
  "api.studies.$id.exports.$name": { kind: "api", checks: [{ path: "/api/studies/:id/exports/raw-wide.csv", allowed: ["owner", "editor", "viewer"] }] },
  "api.studies.$id.imports": {
    kind: "api",
    checks: [{ path: "/api/studies/:id/imports", method: "POST", body: "respondent_id\r\n1", allowed: ["owner", "editor"], allowedStatus: 422 }],
  },
  "studies.$id.members": {
    kind: "checked",
    loader: { path: "/studies/:id/members", allowed: ["owner"] },
    action: { path: "/studies/:id/members", allowed: ["owner"], fields: { intent: "invite", email: "someone@example.com", role: "viewer" } },
  },
};

let server: AppServer;
/** A second connection to the server's database (SQLite or PostgreSQL). */
let db: Db;
const clients = {} as Record<Actor, Client>;
let studyId = 0;
let viewerId = 0;
const tokens: Partial<Record<Actor, string>> = {};

/** Every row of the tables an action may change, in an order independent of the engine. */
function snapshot(): Promise<string> {
  return snapshotTables(db, [
    "studies",
    "offers",
    "attributes",
    "questionnaires",
    "study_members",
    "study_invitations",
    "users",
    "password_resets",
    "responses",
    "respondent_invitations",
    "profile_questions",
    "quotas",
    "audit_events",
    "share_links",
    "api_tokens",
    "webhook_endpoints",
    "panel_redirects",
    "scenarios",
    "market_shares",
    "study_methods",
  ]);
}

async function researcher(email: string): Promise<Client> {
  const client = new Client(server.url);
  expect((await client.form("/signup", { email, password: "correct horse battery" })).status).toBe(302);
  return client;
}

async function join(owner: Client, member: Client, email: string, role: "editor" | "viewer") {
  const page = await (await owner.form(`/studies/${studyId}/members`, { intent: "invite", email, role })).text();
  const link = /\/invitations\/[A-Za-z0-9_-]+/.exec(page)?.[0];
  expect(link).toBeDefined();
  const res = await member.form(link!, {});
  expect(res.status).toBe(302);
}

beforeAll(async () => {
  // The operator names the owner as the installation's administrator.
  server = await startAppServer({ ADMIN_EMAILS: "owner@example.com", WEBHOOK_ALLOW_HOSTS: "127.0.0.1" });
  db = await server.openDb();
  clients.owner = await researcher("owner@example.com");
  clients.editor = await researcher("editor@example.com");
  clients.viewer = await researcher("viewer@example.com");
  clients.outsider = await researcher("outsider@example.com");
  clients.visitor = new Client(server.url);
  const created = await clients.owner.form("/studies", { title: "Matrix study" });
  studyId = Number(created.headers.get("Location")!.split("/")[2]);
  await join(clients.owner, clients.editor, "editor@example.com", "editor");
  await join(clients.owner, clients.viewer, "viewer@example.com", "viewer");
  // One complete (focus-group) response, id 900001, for the responses page and its review action.
  const q = await insertId(
    db,
    sql`insert into questionnaires (study_id, stage, version, definition_json, survey_json, published_at) values (${studyId}, 'focus_group', 1, '{}', '{}', 1) returning id`,
  );
  await db.run(
    sql`insert into responses (id, client_id, questionnaire_id, status, offer_order, started_at, updated_at, completed_at)
        values (900001, 'matrix-response-1', ${q}, 'complete', '[]', 1, 2, 2)`,
  );
  viewerId = (await one<{ id: number }>(db, sql`select id from users where email = 'viewer@example.com'`)).id;
  // Each researcher's write token, made on their account page (shown once).
  for (const actor of researchers) {
    const page = await (await clients[actor].form("/account/api-tokens", { intent: "create", name: "matrix", scope: "write" })).text();
    tokens[actor] = /data-testid="new-api-token">(vm_[A-Za-z0-9_-]+)</.exec(page)?.[1] ?? "";
    expect(tokens[actor]).toMatch(/^vm_/);
  }
  // An offer and an attribute for the scenario action to name.
  await db.run(sql`insert into offers (study_id, code, name, is_own, sort) values (${studyId}, 'matrixa', 'Matrix A', ${true}, 90)`);
  await db.run(sql`insert into attributes (study_id, code, kind, name, sort) values (${studyId}, 'matrixq', 'quality', 'Matrix quality', 90)`);
});
afterAll(async () => {
  await db?.close();
  await server?.stop();
});

/** A same-origin multipart form POST (a file input), with the session's CSRF token. */
async function multipart(client: Client, pathname: string, fields: Record<string, string>, file: { field: string; name: string; content: string }) {
  const body = new FormData();
  const csrf = await client.csrf();
  if (csrf) body.set("csrf", csrf);
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  body.set(file.field, new Blob([file.content], { type: "text/csv" }), file.name);
  return client.request(pathname, { method: "POST", headers: { Origin: server.url }, body });
}

function expectRefused(actor: Actor, res: Response, member: boolean, hidden = false) {
  if (actor === "visitor") {
    expect(res.status, actor).toBe(302);
    expect(res.headers.get("Location"), actor).toMatch(/^\/signin\?next=/);
  } else {
    expect(res.status, actor).toBe(member && !hidden ? 403 : 404);
  }
}

describe("access matrix", () => {
  it("lists every route of app/routes", () => {
    const routes = fs.readdirSync(path.resolve(import.meta.dirname, "../../app/routes")).map((f) => f.replace(/\/route\.tsx$|\.tsx?$/, ""));
    expect(Object.keys(matrix).sort()).toEqual(routes.sort());
  });

  for (const [route, access] of Object.entries(matrix)) {
    if (access.kind === "public") continue;
    if (access.kind === "api") {
      for (const check of access.checks) {
        for (const actor of actors) {
          it(`${route} (API): ${actor} ${check.allowed.includes(actor) ? "succeeds" : "is refused"}`, async () => {
            const before = await snapshot();
            const res = await fetch(server.url + check.path.replace(":id", String(studyId)), {
              method: check.method ?? "GET",
              headers: { ...(tokens[actor] ? { Authorization: `Bearer ${tokens[actor]}` } : {}), ...(check.body ? { "Content-Type": "text/csv" } : {}) },
              body: check.body,
            });
            const expected = check.allowed.includes(actor)
              ? (check.allowedStatus ?? 200)
              : actor === "visitor"
                ? 401
                : ["owner", "editor", "viewer"].includes(actor) && route !== "api.studies._index"
                  ? 403
                  : 404;
            expect(res.status, actor).toBe(expected);
            if (expected !== 200) expect(((await res.json()) as { ok: boolean }).ok, actor).toBe(false);
            if (check.method === "POST" && res.status !== 200) expect(await snapshot()).toBe(before);
          });
        }
      }
      continue;
    }
    const { loader, action } = access;
    if (loader) {
      for (const actor of actors) {
        it(`${route} loader: ${actor} ${loader.allowed.includes(actor) ? "succeeds" : "is refused"}`, async () => {
          const res = await clients[actor].request(loader.path.replace(":id", String(studyId)));
          if (loader.allowed.includes(actor)) expect(res.status, actor).toBe(200);
          else if (route === "invitations.$token" && actor !== "visitor") expect(res.status).toBe(404);
          else expectRefused(actor, res, ["owner", "editor", "viewer"].includes(actor), loader.hidden);
        });
      }
    }
    if (action) {
      // The signing-out case runs last for each actor (it ends the session).
      for (const actor of actors.filter((a) => !action.allowed.includes(a) || route !== "signout")) {
        it(`${route} action: ${actor} ${action.allowed.includes(actor) ? "succeeds" : "is refused and changes nothing"}`, async () => {
          const before = await snapshot();
          const fields = Object.fromEntries(Object.entries(action.fields ?? {}).map(([k, v]) => [k, v === ":viewer" ? String(viewerId) : v.replace(":actor", actor)]));
          const target = action.path.replace(":id", String(studyId));
          const res = action.file ? await multipart(clients[actor], target, fields, action.file) : await clients[actor].form(target, fields);
          if (action.allowed.includes(actor) && action.allowedStatus !== undefined) {
            expect(res.status, actor).toBe(action.allowedStatus);
            expect(await snapshot()).toBe(before);
          } else if (action.allowed.includes(actor)) {
            expect([200, 302], actor).toContain(res.status);
            expect(await snapshot()).not.toBe(before);
          } else {
            expectRefused(actor, res, ["owner", "editor", "viewer"].includes(actor), action.hidden);
            expect(await snapshot()).toBe(before);
          }
        });
      }
    }
  }

  it("signout action: every researcher succeeds (last: it ends their sessions)", async () => {
    for (const actor of researchers) {
      const res = await clients[actor].form("/signout", {});
      expect(res.status, actor).toBe(302);
      expect((await clients[actor].request("/studies")).status, actor).toBe(302);
    }
  });
});
