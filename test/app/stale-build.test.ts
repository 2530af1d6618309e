import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { assertFreshBuild } from "../helpers/app-server";
import { makeTempDir } from "../helpers/temp-db";

/** The HTTP and browser tests refuse a build older than the source (they would test another app). */
const root = makeTempDir("valuemap-stale-");
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function write(file: string, mtimeMs: number) {
  const full = path.join(root, file);
  fs.mkdirSync(path.dirname(full), { recursive: true });
  fs.writeFileSync(full, "x");
  fs.utimesSync(full, mtimeMs / 1000, mtimeMs / 1000);
}

describe("assertFreshBuild", () => {
  const t = Date.parse("2026-12-01T10:00:00Z");
  it("refuses a missing build", () => {
    expect(() => assertFreshBuild(root)).toThrow("build/server/index.js is missing: run `npm run build` first");
  });

  it("passes when the build is newer than every source file (app/server.js is not bundled and does not count)", () => {
    for (const file of ["app/root.tsx", "db/schema.ts", "surveys/a.ts", "analysis/b.ts"]) write(file, t);
    write("app/server.js", t + 60_000);
    write("build/server/index.js", t + 10_000);
    expect(() => assertFreshBuild(root)).not.toThrow();
  });

  it("names the source file that is newer than the build", () => {
    write("analysis/deep/c.ts", t + 20_000);
    expect(() => assertFreshBuild(root)).toThrow("the build is older than analysis/deep/c.ts: run `npm run build` before the HTTP and browser tests");
  });
});
