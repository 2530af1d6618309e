import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sqlitePath } from "../../../db/client";
import { isPostgresUrl } from "../../../db/postgres";
import { env } from "./env.server";

let secret: string | undefined;

/**
 * The installation's stable secret: SESSION_SECRET, or a random one kept in `session-secret`
 * next to the SQLite database file (`data/` for the default database, and on PostgreSQL).
 * Signs the session cookie and keys the respondent page proofs. Read on first use.
 */
export function serverSecret(): string {
  if (secret) return secret;
  if (env.SESSION_SECRET) return (secret = env.SESSION_SECRET);
  const databaseFile = isPostgresUrl(env.DATABASE_URL) ? ":memory:" : sqlitePath(env.DATABASE_URL);
  const file = path.resolve(databaseFile === ":memory:" ? "data" : path.dirname(databaseFile), "session-secret");
  try {
    secret = fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    secret = crypto.randomBytes(32).toString("hex");
    fs.writeFileSync(file, secret, { mode: 0o600 });
  }
  return secret;
}

/** A key for one purpose derived from the server secret (a proof key never signs a cookie). */
export function derivedKey(purpose: string): Buffer {
  return crypto.createHmac("sha256", serverSecret()).update(`valuemap:${purpose}`).digest();
}
