import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The app's database module opens DATABASE_URL on import: point it at a temporary file first
// (each vitest file runs in its own process, so this stays local to this file).
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "valuemap-health-"));
let app: typeof import("../../app/lib/db.server") & { loader: typeof import("../../app/routes/healthz").loader };

beforeAll(async () => {
  process.env.DATABASE_URL = `file:${path.join(dir, "health.db")}`;
  process.env.DEMO = "off";
  const lib = await import("../../app/lib/db.server");
  const route = await import("../../app/routes/healthz");
  app = { ...lib, loader: route.loader };
});
afterAll(async () => {
  await app?.closeDatabase();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("/healthz loader", () => {
  it("answers 200 { ok: true } while the database answers select 1", async () => {
    const res = await app.loader();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it("answers 503 with a clear message once the database is closed", async () => {
    await app.closeDatabase();
    const res = await app.loader();
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ ok: false, error: "database is not answering: The database connection is not open" });
  });
});
