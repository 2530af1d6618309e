import crypto from "node:crypto";

/** A random URL-safe secret of `bytes` random bytes (sessions, invitation and reset links). */
export function newToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString("base64url");
}

/** What the database keeps of a secret link or cookie: its SHA-256, so a leaked table opens nothing. */
export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}
