import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { Client, startAppServer, type AppServer } from "../helpers/app-server";

/**
 * The customers page over HTTP on the built server: the streamed upload (multipart, the CSRF
 * field before the file), the mapping step, an import with bad rows that stores nothing and
 * lists them, and the same file corrected.
 */
let server: AppServer;
let db: Db;
const owner = () => new Client(server.url);
let client: Client;

beforeAll(async () => {
  server = await startAppServer();
  db = await server.openDb();
  client = owner();
  expect((await client.form("/signin", { email: "demo@valuemap.example", password: "valuemap-demo-2026" })).status).toBe(302);
}, 120_000);
afterAll(async () => {
  await db?.close();
  await server?.stop();
});

async function upload(c: Client, text: string, csrf: string | undefined, name = "sales.csv"): Promise<Response> {
  const form = new FormData();
  if (csrf !== undefined) form.set("csrf", csrf);
  form.set("file", new Blob([text], { type: "text/csv" }), name);
  return c.request("/studies/1/customers", { method: "POST", body: form, headers: { Origin: server.url } });
}

const count = async (table: string) => (await db.rows<{ n: number }>(sql.raw(`select cast(count(*) as integer) as "n" from ${table}`)))[0]!.n;

describe("customers page (HTTP)", () => {
  it("refuses an upload without the session's CSRF token before reading the file", async () => {
    expect((await upload(client, "customer,date,amount\nA,2025-01-01,1\n", "wrong-token")).status).toBe(403);
    expect((await upload(client, "customer,date,amount\nA,2025-01-01,1\n", undefined)).status).toBe(403);
  });

  it("lists the bad rows by line and stores nothing, then imports the corrected file", async () => {
    const csrf = await client.csrf();
    const bad = await upload(client, "customer,date,amount\nA,2025-01-01,1\nB,2025-13-01,2\nC,2025-01-02,\n", csrf);
    expect(bad.status).toBe(302);
    const uploadId = /upload=([a-f0-9]{32})/.exec(bad.headers.get("location") ?? "")?.[1];
    expect(uploadId).toBeDefined();
    const page = await (await client.request(`/studies/1/customers?upload=${uploadId}`)).text();
    expect(page).toContain("3 rows after the header");
    const refused = await client.form("/studies/1/customers", { intent: "import", uploadId: uploadId!, customerId: "customer", date: "date", amount: "amount", mode: "replace" });
    expect(refused.status).toBe(200);
    expect(await count("customer_transactions")).toBe(0);
    expect(await count("customer_imports")).toBe(0);

    const good = await upload(client, "customer,date,amount\nA,2025-01-01,1\nB,2025-02-01,2\nC,2025-01-02,3\n", csrf);
    const goodId = /upload=([a-f0-9]{32})/.exec(good.headers.get("location") ?? "")![1]!;
    const imported = await client.form("/studies/1/customers", { intent: "import", uploadId: goodId, customerId: "customer", date: "date", amount: "amount", mode: "replace" });
    expect(imported.status).toBe(302);
    expect(imported.headers.get("location")).toBe("/studies/1/customers?imported=3");
    expect(await count("customer_transactions")).toBe(3);
  });

  it("answers the mapping form's errors in place: a column the file lacks", async () => {
    const csrf = await client.csrf();
    const up = await upload(client, "customer,date,amount\nA,2025-01-01,1\n", csrf);
    const id = /upload=([a-f0-9]{32})/.exec(up.headers.get("location") ?? "")![1]!;
    const res = await client.form("/studies/1/customers", { intent: "import", uploadId: id, customerId: "client", date: "date", amount: "amount", mode: "append" });
    expect(res.status).toBe(200);
    expect(await count("customer_transactions")).toBe(3);
  });
});
