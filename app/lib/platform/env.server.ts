import net from "node:net";
import { z } from "zod";

/** An IPv4/IPv6 address, or one with a `/prefix` (a subnet). */
function isAddressOrSubnet(value: string): boolean {
  const [address, prefix, ...rest] = value.split("/");
  if (rest.length || !address) return false;
  const family = net.isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  return /^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

const EnvSchema = z.object({
  /**
   * The built server (`npm start`, `npm run serve`) runs in production unless told otherwise;
   * `npm run dev` (Vite) sets development, vitest sets test.
   */
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  /** SQLite file (`file:data/valuemap.db`, a plain path, or `:memory:`), or a PostgreSQL URL (`postgres://user:password@host:5432/db`). */
  DATABASE_URL: z.string().min(1).default("file:data/valuemap.db"),
  /** Cookie signing secret; when unset a random one is kept in `session-secret` beside the SQLite file (`data/`). */
  SESSION_SECRET: z.string().min(16).optional(),
  /** `off` skips seeding the demo study into an empty database. */
  DEMO: z.enum(["on", "off"]).default("on"),
  /** WAL durability: FULL (default) syncs at every commit. */
  DB_SYNCHRONOUS: z.enum(["FULL", "NORMAL"]).default("FULL"),
  /**
   * SQLite only: `on` (default) commits the write transactions that arrive within one event-loop
   * turn together, one COMMIT and one fsync for up to 64 of them, each acknowledged only after
   * that COMMIT (docs/decisions/0008-group-commit.md); `off` commits each on its own.
   */
  SQLITE_GROUP_COMMIT: z.enum(["on", "off"]).default("on"),
  /** PostgreSQL only: connections in this instance's pool. */
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** Largest accepted respondent request body, in bytes. */
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(262_144),
  /**
   * Respondent API requests allowed per public link and IP address in 10 minutes (a whole
   * questionnaire takes about 50); `0` turns the limit off.
   */
  RESPONDENT_RATE_LIMIT: z.coerce.number().int().min(0).default(600),
  /**
   * How long the page proof `GET /s/:token` hands the respondent's browser stays valid for
   * `start` and `complete`, in seconds (the page fetches a fresh one when it has expired).
   */
  RESPONDENT_PROOF_TTL_SECONDS: z.coerce.number().int().min(10).max(7 * 24 * 3600).default(6 * 3600),
  /** Finished responses one device (its cookie) may give per study; `0` turns the cap off (one-per-device studies: 1). */
  RESPONDENT_COMPLETIONS_PER_DEVICE: z.coerce.number().int().min(0).default(3),
  /** Completions one IP address may send per study in 24 hours (offices share one address); `0` turns the cap off. */
  RESPONDENT_COMPLETIONS_PER_ADDRESS: z.coerce.number().int().min(0).default(50),
  /**
   * The least plausible time per answered page, in seconds: a completion faster than this times
   * its answered pages is flagged `speeder` and holds no quota place; `0` turns the floor off.
   */
  RESPONDENT_MIN_SECONDS_PER_PAGE: z.coerce.number().min(0).max(600).default(3),
  /** Largest `answers` object of a draft or completion, in bytes of JSON (larger: 413). */
  RESPONDENT_ANSWERS_MAX_BYTES: z.coerce.number().int().min(1024).default(65_536),
  /** Deepest nesting of arrays and objects inside `answers` (deeper: 400). */
  RESPONDENT_ANSWERS_MAX_DEPTH: z.coerce.number().int().min(2).max(64).default(6),
  /** Failed sign-ins for one account from one address, within the hour, before each further try waits. */
  SIGN_IN_FREE_FAILURES: z.coerce.number().int().min(1).default(5),
  /** Failed sign-ins from one address (any account), within the hour, before its tries wait. */
  SIGN_IN_FREE_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
  /**
   * Failed sign-ins for one account (any address), within the hour, before the addresses that
   * failed on it wait; an address that has not failed on the account never does.
   */
  SIGN_IN_FREE_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(20),
  /** The longest wait between sign-in tries (the waits double from 1 s), in seconds. */
  SIGN_IN_MAX_DELAY_SECONDS: z.coerce.number().int().min(1).default(900),
  /** Accounts one IP address may create per hour; `0` turns the limit off. */
  SIGN_UP_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(0).default(10),
  /** PNG renderings running at once (each in its own process). */
  PNG_WORKERS: z.coerce.number().int().min(1).max(32).default(2),
  /** PNG renderings waiting for a worker; beyond it 503 with Retry-After. */
  PNG_QUEUE: z.coerce.number().int().min(0).default(8),
  /** How long a PNG rendering waits for a worker before 503 with Retry-After, in seconds. */
  PNG_QUEUE_WAIT_SECONDS: z.coerce.number().int().min(1).default(10),
  /**
   * Whether `X-Forwarded-For/-Proto/-Host` are believed: `off` (default: they are ignored, and
   * removed before anything reads them), a number of proxy hops in front of the server (`1`
   * behind one reverse proxy), or a comma-separated list of the proxies' addresses or subnets
   * (`10.0.0.1, 10.1.0.0/16`, or express's names `loopback`, `linklocal`, `uniquelocal`).
   * Cookies are marked Secure whenever the request came over HTTPS, which behind a TLS proxy
   * the server knows only when it trusts the proxy.
   */
  TRUST_PROXY: z
    .string()
    .trim()
    .default("off")
    .transform((value, ctx): false | number | string[] => {
      if (["off", "false", "0", ""].includes(value.toLowerCase())) return false;
      if (/^\d+$/.test(value)) return Number(value);
      const list = value.split(",").map((part) => part.trim()).filter(Boolean);
      const named = new Set(["loopback", "linklocal", "uniquelocal"]);
      const bad = list.filter((part) => !named.has(part) && !isAddressOrSubnet(part));
      if (bad.length) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `requires off, a number of hops, or proxy addresses/subnets (not ${bad.join(", ")})` });
        return z.NEVER;
      }
      return list;
    }),
  /**
   * The public origin of the installation (`https://survey.example.com`): links, QR codes and
   * share links are made from it. Unset: from the address the researcher's browser used.
   */
  BASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      // Vite and vitest set BASE_URL=/ (their public base path) in the processes they run.
      if (value === undefined || value === "" || value === "/") return undefined;
      let url: URL | null = null;
      try {
        url = new URL(value);
      } catch {
        url = null;
      }
      if (!url || !["http:", "https:"].includes(url.protocol) || url.pathname.replace(/\/+$/, "") !== "" || url.search || url.hash) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "requires an origin such as https://survey.example.com (no path, query or fragment)" });
        return z.NEVER;
      }
      return url.origin;
    }),
  /**
   * E-mail addresses (comma-separated) of the accounts that administer the installation: made
   * administrators at start and when they sign up. `npm run make-admin -- <email>` is the other
   * way. The demo account never administers.
   */
  ADMIN_EMAILS: z
    .string()
    .default("")
    .transform((value) => value.split(",").map((email) => email.trim().toLowerCase()).filter(Boolean)),
  /** The HTTP port and address the server listens on (app/server.js reads them too). */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().trim().optional(),
  /**
   * Chromium for the report's PDF download (rendered on the server from the report page);
   * `off` turns the download off. When the file does not exist the download answers 503 with a
   * message (the browser's Print still works).
   */
  CHROMIUM_PATH: z.string().trim().min(1).default("/usr/bin/chromium"),
  /**
   * Where the server's Chromium opens the report page to print it: this server itself. Default
   * `http://<HOST or 127.0.0.1>:<PORT>`; set it when the server is reached otherwise from its own
   * machine (e.g. `npm run dev`).
   */
  PDF_RENDER_ORIGIN: z.string().trim().url().optional(),
  /**
   * Researcher API requests allowed per token and minute (`/api/...`); `0` turns the limit off.
   */
  API_RATE_LIMIT: z.coerce.number().int().min(0).default(120),
  /**
   * Webhook destinations allowed besides public addresses (comma-separated host names,
   * addresses or subnets: `hooks.internal, 10.20.0.0/16, ::1`). Loopback, private, link-local
   * and other non-public addresses are refused unless listed here (checked on the address a
   * name resolves to); plain http is accepted only for what is listed.
   */
  WEBHOOK_ALLOW_HOSTS: z
    .string()
    .default("")
    .transform((value, ctx) => {
      const list = value.split(",").map((part) => part.trim()).filter(Boolean);
      const bad = list.filter((part) => part.includes("/") ? !isAddressOrSubnet(part) : net.isIP(part) === 0 && !/^[a-z0-9.-]{1,253}$/i.test(part));
      if (bad.length) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: `requires host names, addresses or subnets (not ${bad.join(", ")})` });
        return z.NEVER;
      }
      return list;
    }),
  /** Attempts to deliver a webhook before it is given up (shown as failed in the delivery log, where it can be replayed). */
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(12),
  /** Wait after a webhook's first failed attempt, in seconds; it doubles after each failure, up to 24 hours. */
  WEBHOOK_RETRY_BASE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** Webhook deliveries sent at once by this server process; `0` turns the delivery loop off (another instance delivers). */
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(0).max(64).default(4),
  /**
   * TEST ONLY, never on by default: `1` acknowledges a completion before committing it (the
   * commit runs later), so a crash loses acknowledged responses. It exists so the crash test
   * (test/durability/) can prove it detects a loss. Refused under NODE_ENV=production unless
   * VALUEMAP_ALLOW_UNSAFE_IN_PRODUCTION=1 is set as well.
   */
  VALUEMAP_UNSAFE_ACK_BEFORE_COMMIT: z.enum(["0", "1"]).default("0"),
  /** TEST ONLY: `1` lets the unsafe mode above run under NODE_ENV=production (the crash test's server). */
  VALUEMAP_ALLOW_UNSAFE_IN_PRODUCTION: z.enum(["0", "1"]).default("0"),
}).superRefine((env, ctx) => {
  const unsafe = env.VALUEMAP_UNSAFE_ACK_BEFORE_COMMIT === "1";
  if (unsafe && env.NODE_ENV === "production" && env.VALUEMAP_ALLOW_UNSAFE_IN_PRODUCTION !== "1") {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["VALUEMAP_UNSAFE_ACK_BEFORE_COMMIT"],
      message:
        "loses acknowledged responses on a crash (test only): under NODE_ENV=production it requires VALUEMAP_ALLOW_UNSAFE_IN_PRODUCTION=1",
    });
  }
});

export type Env = z.infer<typeof EnvSchema>;

function parseEnv(): Env {
  const parsed = EnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${lines}`);
  }
  return parsed.data;
}

/** Environment variables, read once and validated. */
export const env = parseEnv();

if (env.VALUEMAP_UNSAFE_ACK_BEFORE_COMMIT === "1") {
  console.warn("WARNING: VALUEMAP_UNSAFE_ACK_BEFORE_COMMIT=1: completions are acknowledged before they are committed (test only).");
}
