import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, freePort, personEnvironment } from "../helpers/app-server";
import { runCommand } from "../helpers/commands";
import { testPostgres, type PostgresServer } from "../helpers/postgres";

/**
 * The operator's commands and the server on an install without dev tools: a copy of the built
 * app whose node_modules is what `npm ci --omit=dev` leaves (the repository's node_modules,
 * hard-linked, then `npm prune --omit=dev`: no tsx, no vite, no TypeScript). Each command runs as
 * `npm run <name>` runs it there, and the server as `npm run serve`.
 */
const root = path.resolve(import.meta.dirname, "../..");
let dir: string;
let server: ChildProcess | null = null;
let url: string;
let postgres: PostgresServer;
const databaseFile = () => path.join(dir, "data/valuemap.db");

beforeAll(async () => {
  // Inside the repository (ignored by git) so that hard links never cross file systems.
  fs.mkdirSync(path.join(root, ".cache"), { recursive: true });
  dir = fs.mkdtempSync(path.join(root, ".cache/omit-dev-"));
  for (const name of ["package.json", "package-lock.json"]) fs.copyFileSync(path.join(root, name), path.join(dir, name));
  for (const name of ["node_modules", "build", "app", "db", "scripts"]) execFileSync("cp", ["-al", path.join(root, name), path.join(dir, name)]);
  execFileSync("npm", ["prune", "--omit=dev", "--offline", "--no-audit", "--no-fund"], { cwd: dir, env: personEnvironment(), stdio: "ignore" });
  postgres = await testPostgres();
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  server = spawn("npm", ["run", "serve"], { cwd: dir, env: personEnvironment({ PORT: String(port) }), stdio: "ignore", detached: true });
  const deadline = Date.now() + 60_000;
  while (!(await fetch(`${url}/healthz`).then((r) => r.ok, () => false))) {
    if (server.exitCode !== null || Date.now() > deadline) throw new Error("npm run serve did not start without dev dependencies");
    await new Promise((r) => setTimeout(r, 200));
  }
}, 180_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once("exit", r));
    process.kill(-server.pid!, "SIGTERM");
    await exited;
  }
  postgres?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("an install without dev dependencies (npm ci --omit=dev after a build)", () => {
  it("has no dev tools", () => {
    for (const tool of ["tsx", "vite", "vitest", "@remix-run/dev", "esbuild"]) expect(fs.existsSync(path.join(dir, "node_modules", tool)), tool).toBe(false);
    expect(fs.existsSync(path.join(dir, "node_modules/better-sqlite3"))).toBe(true);
  });

  it("serves the app (npm run serve) and runs make-admin, reset-link, backup, analyze and db:copy-to-postgres", async () => {
    const researcher = new Client(url);
    expect((await researcher.form("/signup", { email: "operator@example.com", password: "correct horse battery" })).status).toBe(302);
    const env = { DATABASE_URL: `file:${databaseFile()}` };

    const admin = await runCommand("make-admin", ["operator@example.com"], env, dir);
    expect(admin).toMatchObject({ code: 0, stdout: "operator@example.com now administers this installation\n" });

    const reset = await runCommand("reset-link", ["operator@example.com"], env, dir);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toMatch(/\/reset\/[A-Za-z0-9_-]{43}/);

    const backup = await runCommand("backup", [path.join(dir, "backup.db")], env, dir);
    expect(backup.stdout).toContain("integrity_check ok");
    expect(backup.code).toBe(0);

    const analyze = await runCommand("analyze", [path.join(root, "test/fixtures/analysis-input.json")], {}, dir);
    expect(analyze.code).toBe(0);
    expect(JSON.parse(analyze.stdout)).toHaveProperty("qualityProfile");

    const target = postgres.createDatabase("omit_dev_copy");
    const copy = await runCommand("copy-to-postgres", [path.join(dir, "backup.db"), target], {}, dir);
    expect(copy.stderr).toBe("");
    expect(copy.code).toBe(0);
    expect(copy.stdout).toMatch(/copied \d+ rows in \d+ tables/);
  }, 120_000);
});
