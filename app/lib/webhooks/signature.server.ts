import crypto from "node:crypto";

/** The header every webhook delivery carries: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const SIGNATURE_HEADER = "X-Valuemap-Signature";

/** HMAC-SHA256 of `<timestamp>.<body>` with the endpoint's secret, hex. */
function mac(secret: string, timestamp: number, body: string): string {
  return crypto.createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

/** The signature header's value for this body at `timestamp` (unix seconds). */
export function signWebhook(secret: string, body: string, timestamp: number): string {
  return `t=${timestamp},v1=${mac(secret, timestamp, body)}`;
}

/**
 * Checks a signature header as a receiver should (docs/api.md has the same in a few lines):
 * the HMAC matches (compared in constant time) and the timestamp is within `toleranceSeconds`
 * of `now` (a replayed old request is refused).
 */
export function verifyWebhook(secret: string, body: string, header: string | null, now: number, toleranceSeconds = 300): boolean {
  if (!header) return false;
  const parts = Object.fromEntries(header.split(",").map((part) => part.split("=", 2) as [string, string]));
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || Math.abs(Math.floor(now / 1000) - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(mac(secret, timestamp, body));
  const given = Buffer.from(parts.v1 ?? "");
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/** A new endpoint secret (`whsec_` and 32 random bytes). */
export function newWebhookSecret(): string {
  return `whsec_${crypto.randomBytes(32).toString("base64url")}`;
}
