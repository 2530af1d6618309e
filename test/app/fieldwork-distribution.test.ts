import jsQR from "jsqr";
import { PNG } from "pngjs";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startAppServer, type AppServer, type Client } from "../helpers/app-server";
import { auditActions, insertQuestionnaire, makeStudy, signUp, snapshot, withDb } from "./fieldwork-helpers";
import { one } from "./server-db";

let server: AppServer;
let owner: Client;
let study: { path: string; id: number };
let token: string;

beforeAll(async () => {
  server = await startAppServer();
  owner = await signUp(server, "distribution@example.com");
  study = await makeStudy(owner);
  token = (await withDb(server, (db) => one<{ t: string }>(db, sql`select public_token as "t" from studies where id = ${study.id}`))).t;
});
afterAll(async () => {
  await server?.stop();
});

/** Draws qrcode's SVG path (runs of `h` on rows at y + 0.5) into a grey image, 8 px per module. */
function rasterizeSvg(svg: string): { data: Uint8ClampedArray; width: number; height: number } {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
  const d = /<path stroke="#000000" d="([^"]+)"/.exec(svg)?.[1] ?? "";
  const scale = 8;
  const width = size * scale;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  let x = 0;
  let y = 0;
  for (const [, cmd, a, b] of d.matchAll(/([MmHh])(-?[\d.]+)(?:\s(-?[\d.]+))?/g)) {
    if (cmd === "M") [x, y] = [Number(a), Number(b)];
    else if (cmd === "m") [x, y] = [x + Number(a), y + Number(b)];
    else {
      const run = Number(a);
      for (let mx = x; mx < x + run; mx++) {
        for (let py = Math.floor(y) * scale; py < (Math.floor(y) + 1) * scale; py++) {
          for (let px = mx * scale; px < (mx + 1) * scale; px++) data.fill(0, (py * width + px) * 4, (py * width + px) * 4 + 3);
        }
      }
      x += run;
    }
  }
  return { data, width, height: width };
}

describe("public links and QR codes", () => {
  it("shows both stages' links on the distribution page", async () => {
    const html = await (await owner.request(`${study.path}/distribution`)).text();
    expect(html).toContain(`${server.url}/s/${token}`);
    expect(html).toContain(`${server.url}/s/${token}?stage=focus-group`);
  });

  it("serves a PNG of the stated size that decodes to the focus-group link", async () => {
    const res = await owner.request(`${study.path}/qr.png?stage=focus-group`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("image/png");
    expect(res.headers.get("Content-Disposition")).toContain(".png");
    const png = PNG.sync.read(Buffer.from(await res.arrayBuffer()));
    expect([png.width, png.height]).toEqual([600, 600]);
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toBe(`${server.url}/s/${token}?stage=focus-group`);
  });

  it("serves a well-formed SVG that decodes to the rating link", async () => {
    const res = await owner.request(`${study.path}/qr.svg?stage=rating`);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toMatch(/^image\/svg\+xml/);
    const svg = await res.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 \d+ \d+"[^>]*>.*<\/svg>\s*$/s);
    const image = rasterizeSvg(svg);
    expect(jsQR(image.data, image.width, image.height)?.data).toBe(`${server.url}/s/${token}`);
  });

  it("answers 400 to an unknown stage", async () => {
    const res = await owner.request(`${study.path}/qr.svg?stage=other`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("stage requires rating or focus-group");
  });
});

const invitations = () =>
  withDb(server, (db) =>
    db.rows<{ id: number; token: string; label: string; email: string | null }>(
      sql`select id, token, label, email from respondent_invitations where study_id = ${study.id} order by id`,
    ),
  );

describe("personal invitations", () => {
  it("creates nothing when a pasted line is bad and names every bad line", async () => {
    const before = await snapshot(server);
    const res = await owner.form(`${study.path}/distribution`, {
      intent: "createInvitations",
      lines: "label,email\nAcme,buyer@acme.example\nBeta Co,not-an-email\nGamma,g@gamma.example,extra",
    });
    const html = await res.text();
    expect(html).toContain("Line 3: the email address is not valid");
    expect(html).toContain("Line 4: requires at most two columns: label,email");
    expect(await snapshot(server)).toBe(before);
  });

  it("counts lines inside quoted fields when naming a bad line, and refuses an unclosed quote; creates nothing", async () => {
    const before = await snapshot(server);
    // Line 1 holds a label over two lines (lines 1 and 2): the bad email is on line 3.
    const multi = await owner.form(`${study.path}/distribution`, { intent: "createInvitations", lines: '"Two\nlines",two@example.com\r\nBeta,not-an-email' });
    expect(await multi.text()).toContain("Line 3: the email address is not valid");
    const open = await owner.form(`${study.path}/distribution`, { intent: "createInvitations", lines: 'Acme,a@acme.example\nBeta,"b@beta.example' });
    expect(await open.text()).toContain("A quoted field is not closed: a &quot; is missing.");
    expect(await snapshot(server)).toBe(before);
  });

  it("creates invitations from pasted lines and from an uploaded CSV, with random 22-character tokens", async () => {
    const res = await owner.form(`${study.path}/distribution`, { intent: "createInvitations", lines: "Acme,buyer@acme.example\nsolo@example.com\n\nWalk-in" });
    expect(await res.text()).toContain("3 invitations created.");
    const form = new FormData();
    form.set("csrf", (await owner.csrf())!);
    form.set("intent", "createInvitations");
    form.set("csv", new Blob(['\uFEFFlabel,email\r\n"=HYPERLINK(""http://evil.example"")",x@y.example\r\n"Smith, J.",\r\n'], { type: "text/csv" }), "list.csv");
    const upload = await owner.request(`${study.path}/distribution`, { method: "POST", body: form, headers: { Origin: server.url } });
    expect(await upload.text()).toContain("2 invitations created.");
    const rows = await invitations();
    expect(rows.map((r) => [r.label, r.email])).toEqual([
      ["Acme", "buyer@acme.example"],
      ["", "solo@example.com"],
      ["Walk-in", null],
      ['=HYPERLINK("http://evil.example")', "x@y.example"],
      ["Smith, J.", null],
    ]);
    for (const r of rows) expect(r.token).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(new Set(rows.map((r) => r.token)).size).toBe(rows.length);
    expect(await auditActions(server, study.id)).toContain("createInvitations");
  });

  it("creates nothing from an uploaded CSV with one bad line", async () => {
    const before = await snapshot(server);
    const form = new FormData();
    form.set("csrf", (await owner.csrf())!);
    form.set("intent", "createInvitations");
    form.set("csv", new Blob(["a,a@example.com\nb,b@example.com\nc,c@@example\n"], { type: "text/csv" }), "bad.csv");
    const res = await owner.request(`${study.path}/distribution?lang=zh-CN`, { method: "POST", body: form, headers: { Origin: server.url } });
    expect(await res.text()).toContain("第 3 行：邮箱地址无效");
    expect(await snapshot(server)).toBe(before);
  });

  it("refuses more than 5000 invitations in one request", async () => {
    const before = await snapshot(server);
    const lines = Array.from({ length: 5001 }, (_, i) => `Person ${i}`).join("\n");
    const res = await owner.form(`${study.path}/distribution`, { intent: "createInvitations", lines });
    expect(await res.text()).toContain("At most 5000 invitations per request");
    expect(await snapshot(server)).toBe(before);
  });

  it("shows each invitation's status and exports every link as CSV with a BOM and neutralised formulas", async () => {
    const [acme, solo, walkIn] = await invitations();
    const q = await insertQuestionnaire(server, study.id, "rating");
    await withDb(server, (db) =>
      db.run(
        sql`insert into responses (client_id, questionnaire_id, status, offer_order, started_at, updated_at, completed_at, invitation_id)
            values ('invite-acme-0001', ${q}, 'complete', '[]', 1, 1, 2, ${acme!.id}), ('invite-solo-0001', ${q}, 'draft', '[]', 1, 1, null, ${solo!.id})`,
      ),
    );
    const html = await (await owner.request(`${study.path}/distribution`)).text();
    expect(html).toContain("5 invitations: 3 not started, 1 in progress, 1 complete.");
    const res = await owner.request(`${study.path}/invitations.csv`);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split("\r\n");
    // RFC 4180: only fields with a comma, quote or line break are quoted (the exports' CSV writer).
    expect(lines[0]).toBe("label,email,link,status");
    expect(lines[1]).toBe(`Acme,buyer@acme.example,${server.url}/s/${token}?invite=${acme!.token},complete`);
    expect(lines[2]).toMatch(/,in_progress$/);
    expect(lines[3]).toBe(`Walk-in,,${server.url}/s/${token}?invite=${walkIn!.token},not_started`);
    expect(lines[4]!.startsWith(`"'=HYPERLINK(""http://evil.example"")",x@y.example,`)).toBe(true);
    expect(lines).toHaveLength(6);
    expect(await auditActions(server, study.id)).toContain("exportInvitations");
  });

  it("asks before revoking: without confirm=yes, 400 with the reason and the invitation stays", async () => {
    const [, , walkIn] = await invitations();
    const before = await snapshot(server);
    const page = await (await owner.request(`${study.path}/distribution`)).text();
    expect(page).toContain(`data-testid="revoke-invitation-${walkIn!.id}"`);
    expect(page).toContain("The personal link of Walk-in stops working at once.");
    for (const confirm of [undefined, "no"]) {
      const res = await owner.form(`${study.path}/distribution`, { intent: "revokeInvitation", invitationId: String(walkIn!.id), ...(confirm ? { confirm } : {}) });
      expect(res.status).toBe(400);
      expect(await res.text()).toContain("This action requires confirmation");
    }
    expect(await snapshot(server)).toBe(before);
  });

  it("refuses an empty request and an upload over 2 MB in place; creates nothing", async () => {
    const before = await snapshot(server);
    const empty = await owner.form(`${study.path}/distribution`, { intent: "createInvitations", lines: "  \n " });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("Paste at least one line or upload a CSV file.");
    const form = new FormData();
    form.set("csrf", (await owner.csrf())!);
    form.set("intent", "createInvitations");
    form.set("csv", new Blob(["a,a@example.com\n".repeat(140_000)], { type: "text/csv" }), "big.csv");
    const big = await owner.request(`${study.path}/distribution`, { method: "POST", body: form, headers: { Origin: server.url } });
    expect(big.status).toBe(400);
    expect(await big.text()).toContain("The file requires at most 2 MB.");
    expect(await snapshot(server)).toBe(before);
  });

  it("revokes an unused invitation but not one with a response", async () => {
    const [acme, , walkIn] = await invitations();
    const used = await owner.form(`${study.path}/distribution`, { intent: "revokeInvitation", invitationId: String(acme!.id), confirm: "yes" });
    expect(used.status).toBe(400);
    expect(await used.text()).toContain("Only an invitation nobody has used yet can be revoked.");
    await owner.form(`${study.path}/distribution`, { intent: "revokeInvitation", invitationId: String(walkIn!.id), confirm: "yes" });
    expect((await invitations()).map((r) => r.label)).toEqual(["Acme", "", '=HYPERLINK("http://evil.example")', "Smith, J."]);
    expect(await auditActions(server, study.id)).toContain("revokeInvitation");
  });

  it("refuses invitations without the form's security token", async () => {
    const before = await snapshot(server);
    const res = await owner.form(`${study.path}/distribution`, { intent: "createInvitations", lines: "X", csrf: "nope" });
    expect(res.status).toBe(403);
    expect(await snapshot(server)).toBe(before);
  });
});
