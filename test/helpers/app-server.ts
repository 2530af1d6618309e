import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { openDatabase, type Db } from "../../db/client";
import { openPostgresDatabase } from "../../db/client-postgres";
import { TEST_ENGINE } from "./engine";
import { testPostgres, type PostgresServer } from "./postgres";

export interface AppServer {
  url: string;
  dataDir: string;
  /** The SQLite file ("" when the server runs on PostgreSQL). */
  databaseFile: string;
  /** The server's DATABASE_URL (`file:...` or `postgres://...`). */
  databaseUrl: string;
  process: ChildProcess;
  /** What the server printed so far (stdout and stderr). */
  output(): string;
  /** A second connection to the server's database, for the test to read or arrange data (close it after). */
  openDb(): Promise<Db>;
  stop(): Promise<void>;
}

/**
 * The environment a person's shell gives `npm start`: no NODE_ENV (vitest sets `test`), nothing
 * of vitest's, none of the app's variables. Servers the tests drive start from this and add
 * only the operator's variables a test is about (PORT, DATABASE_URL, ...), so they run the way
 * the README starts the app.
 */
export function personEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const keep = ["PATH", "HOME", "LANG", "TMPDIR", "TZ", "npm_config_nodedir"];
  const base = Object.fromEntries(keep.flatMap((name) => (process.env[name] === undefined ? [] : [[name, process.env[name]!]])));
  // The type declares NODE_ENV required (@remix-run/node); leaving it unset is the point here.
  return { ...base, ...extra } as unknown as NodeJS.ProcessEnv;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface StartOptions {
  /**
   * Use this SQLite file (created if missing) instead of a fresh one, and leave it in place on
   * stop(): the crash test restarts the server on the same file.
   */
  databaseFile?: string;
  /** Use this database URL (e.g. a PostgreSQL database another instance uses) and leave it in place on stop(). */
  databaseUrl?: string;
}

/** Newest modification time of the files under `dir` (recursively), with the file. */
function newestFile(dir: string): { file: string; mtimeMs: number } {
  let newest = { file: "", mtimeMs: 0 };
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const candidate = entry.isDirectory() ? newestFile(full) : { file: full, mtimeMs: fs.statSync(full).mtimeMs };
    if (candidate.mtimeMs > newest.mtimeMs) newest = candidate;
  }
  return newest;
}

/**
 * Stops an HTTP or browser test that would drive a build older than the source: it would test
 * yesterday's app and pass or fail for the wrong reason. The build is what `npm test` makes
 * before vitest runs; a developer running vitest alone after an edit is told to build.
 */
export function assertFreshBuild(root = path.resolve(import.meta.dirname, "../..")): void {
  const serverEntry = path.join(root, "build/server/index.js");
  if (!fs.existsSync(serverEntry)) throw new Error("build/server/index.js is missing: run `npm run build` first");
  const built = fs.statSync(serverEntry).mtimeMs;
  for (const dir of ["app", "db", "surveys", "analysis"]) {
    const newest = newestFile(path.join(root, dir));
    // app/server.js runs from the source (it is not bundled); a second of slack for coarse clocks.
    if (newest.mtimeMs > built + 1000 && !newest.file.endsWith(path.join("app", "server.js"))) {
      throw new Error(`the build is older than ${path.relative(root, newest.file)}: run \`npm run build\` before the HTTP and browser tests`);
    }
  }
}

/**
 * Starts the production server (app/server.js on the last `npm run build`) on a free port
 * and a fresh SQLite file in a temporary directory (or `options.databaseFile`); resolves when it
 * answers HTTP.
 */
export async function startAppServer(env: Record<string, string> = {}, options: StartOptions = {}): Promise<AppServer> {
  const root = path.resolve(import.meta.dirname, "../..");
  assertFreshBuild();
  const ownsData = options.databaseFile === undefined;
  const dataDir = ownsData ? fs.mkdtempSync(path.join(os.tmpdir(), "valuemap-test-")) : path.dirname(options.databaseFile!);
  // On the PostgreSQL test project a fresh database on the run's server (unless one is given).
  let postgres: PostgresServer | null = null;
  let databaseUrl = options.databaseUrl;
  if (databaseUrl === undefined && options.databaseFile === undefined && TEST_ENGINE === "postgres") {
    postgres = await testPostgres();
    databaseUrl = postgres.createDatabase("valuemap_app");
  }
  const databaseFile = databaseUrl !== undefined ? "" : (options.databaseFile ?? path.join(dataDir, "valuemap.db"));
  const serverDatabaseUrl = databaseUrl ?? `file:${databaseFile}`;
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(root, "app/server.js")], {
    cwd: root,
    env: personEnvironment({
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: serverDatabaseUrl,
      // On SQLite the server keeps its own random secret beside the database file, as it does for
      // a person; PostgreSQL instances of one test share a secret (as the README asks) instead of
      // writing one into the repository's data/ folder.
      ...(databaseUrl !== undefined ? { SESSION_SECRET: "test-secret-0123456789abcdef" } : {}),
      // The protocol, fuzz and crash tests send far more than a respondent would, all from
      // 127.0.0.1 and within milliseconds: the request limit, the per-address completion cap and
      // the speed floor are off here; their own tests (respondent-rate-limit, respondent-stuffing)
      // set them. Everything else (page proof, JSON only, per-device cap) is as deployed.
      RESPONDENT_RATE_LIMIT: "0",
      RESPONDENT_COMPLETIONS_PER_ADDRESS: "0",
      RESPONDENT_MIN_SECONDS_PER_PAGE: "0",
      // Test files sign up many researchers from 127.0.0.1; sign-up.test.ts sets the limit.
      SIGN_UP_PER_ADDRESS_PER_HOUR: "0",
      ...env,
    }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  try {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited early:\n${output}`);
      try {
        const res = await fetch(`${url}/`);
        if (res.status < 500) break;
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline) throw new Error(`server did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } catch (error) {
    // Nothing of a server that did not start is left behind: its process, directory, database.
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    if (ownsData) fs.rmSync(dataDir, { recursive: true, force: true });
    postgres?.stop();
    throw error;
  }
  return {
    url,
    dataDir,
    databaseFile,
    databaseUrl: serverDatabaseUrl,
    process: child,
    output: () => output,
    openDb: async () =>
      databaseUrl !== undefined ? openPostgresDatabase({ url: databaseUrl, max: 2 }) : openDatabase({ url: databaseFile }),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      if (ownsData) fs.rmSync(dataDir, { recursive: true, force: true });
      postgres?.stop();
    },
  };
}

/**
 * An HTML page as the browser renders it: without its own <script> elements, which carry the
 * loader data (and with it every message of the page's areas, shown or not). Assertions that a
 * text is (not) on a page then see only what is rendered.
 */
async function asRendered(res: Response): Promise<Response> {
  if (!(res.headers.get("Content-Type") ?? "").startsWith("text/html")) return res;
  // Only the page's own scripts (they carry the CSP nonce): markup a test injected stays for it to see.
  const html = (await res.text()).replace(/<script\b[^>]*\bnonce="[^"]*"[^>]*>[\s\S]*?<\/script>/g, "");
  return new Response(res.status === 204 || res.status === 304 ? null : html, { status: res.status, statusText: res.statusText, headers: res.headers });
}

/** A tiny cookie-keeping client for the researcher pages (page bodies as rendered: `asRendered`). */
export class Client {
  private cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  async request(pathname: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("Cookie", this.cookieHeader);
    const res = await fetch(this.base + pathname, { ...init, headers, redirect: "manual" });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...rest] = pair!.split("=");
      const value = rest.join("=");
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value);
    }
    return asRendered(res);
  }

  private csrfFor: { session: string; token: string } | null = null;

  /** The CSRF token of this client's session, read from a page's hidden field (cached per session). */
  async csrf(): Promise<string | undefined> {
    const session = this.cookies.get("vm_session");
    if (!session) return undefined;
    if (this.csrfFor?.session !== session) {
      const html = await (await this.request("/account/password")).text();
      const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
      if (!token) return undefined;
      this.csrfFor = { session, token };
    }
    return this.csrfFor.token;
  }

  /** A same-origin form POST as a browser sends it, with the session's CSRF token when signed in. */
  async form(pathname: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    const token = "csrf" in fields ? undefined : await this.csrf();
    return this.request(pathname, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: this.base, ...headers },
      body: new URLSearchParams({ ...fields, ...(token ? { csrf: token } : {}) }).toString(),
    });
  }
}

/**
 * A phone browser's User-Agent: Node's fetch says "node", which isbot takes for a bot (bots are
 * not counted as respondents).
 */
export const PHONE_USER_AGENT =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";

export function postJson(base: string, pathname: string, body: unknown, userAgent = PHONE_USER_AGENT): Promise<Response> {
  return fetch(base + pathname, {
    method: "POST",
    headers: { "Content-Type": "application/json", "User-Agent": userAgent },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}
