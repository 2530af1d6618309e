import { z } from "zod";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** SQLite file (`file:data/valuemap.db`, a plain path, or `:memory:`). */
  DATABASE_URL: z.string().min(1).default("file:data/valuemap.db"),
  /** Cookie signing secret; when unset a random one is kept in `data/session-secret`. */
  SESSION_SECRET: z.string().min(16).optional(),
  /** `off` skips seeding the demo study into an empty database. */
  DEMO: z.enum(["on", "off"]).default("on"),
  /** WAL durability: FULL (default) syncs at every commit. */
  DB_SYNCHRONOUS: z.enum(["FULL", "NORMAL"]).default("FULL"),
  /** Largest accepted respondent request body, in bytes. */
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(262_144),
  /** Set `1` to mark cookies Secure even outside production (behind a TLS proxy). */
  COOKIE_SECURE: z.enum(["0", "1"]).optional(),
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
