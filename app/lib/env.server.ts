import { z } from "zod";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** SQLite file (`file:data/valuemap.db`, a plain path, or `:memory:`), or a PostgreSQL URL (`postgres://user:password@host:5432/db`). */
  DATABASE_URL: z.string().min(1).default("file:data/valuemap.db"),
  /** Cookie signing secret; when unset a random one is kept in `data/session-secret`. */
  SESSION_SECRET: z.string().min(16).optional(),
  /** `off` skips seeding the demo study into an empty database. */
  DEMO: z.enum(["on", "off"]).default("on"),
  /** WAL durability: FULL (default) syncs at every commit. */
  DB_SYNCHRONOUS: z.enum(["FULL", "NORMAL"]).default("FULL"),
  /** PostgreSQL only: connections in this instance's pool. */
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  /** Largest accepted respondent request body, in bytes. */
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(262_144),
  /**
   * Respondent API requests allowed per public link and IP address in 10 minutes (a whole
   * questionnaire takes about 50); `0` turns the limit off.
   */
  RESPONDENT_RATE_LIMIT: z.coerce.number().int().min(0).default(600),
  /** Set `1` to mark cookies Secure even outside production (behind a TLS proxy). */
  COOKIE_SECURE: z.enum(["0", "1"]).optional(),
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
