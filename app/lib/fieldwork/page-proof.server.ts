import crypto from "node:crypto";
import { env } from "../platform/env.server";
import { derivedKey } from "../platform/server-secret.server";

/**
 * The respondent page proof: `GET /s/:token` (and `GET /s/:token/responses`, for a page whose
 * proof has expired) hands the browser `<issued at, base 36>.<HMAC>`, an HMAC-SHA256 under a key
 * derived from the server secret over the questionnaire link and the device cookie's id.
 * `start` and `complete` require it: a page on another site cannot read it (no CORS), a script
 * must load the page and keep its device cookie to get one, and a request without that cookie
 * (to escape "one response per device") has no proof that matches.
 */
let key: Buffer | undefined;
const mac = (token: string, deviceId: string, issuedAt: string) =>
  crypto
    .createHmac("sha256", (key ??= derivedKey("page-proof")))
    .update(`${token}\n${deviceId}\n${issuedAt}`)
    .digest("base64url");

export function issuePageProof(token: string, deviceId: string, now = Date.now()): string {
  const issuedAt = now.toString(36);
  return `${issuedAt}.${mac(token, deviceId, issuedAt)}`;
}

export type ProofCheck = "ok" | "missing" | "invalid" | "expired";

/**
 * Proofs whose HMAC matched, with their link and device (`<token>\n<device>\n<proof>`): a page's
 * `complete` (and `screen`) brings the proof its `start` brought, and is not hashed again
 * (issue 23: the HMACs were 3 % of a completion's CPU). Only matched proofs go in, so a hit
 * tells only what the HMAC would; the expiry is checked every time. The oldest go first.
 */
const matched = new Set<string>();
const MATCHED_LIMIT = 10_000;

/** Whether `proof` was issued for this link and device within RESPONDENT_PROOF_TTL_SECONDS. */
export function checkPageProof(proof: string | undefined, token: string, deviceId: string | null, now = Date.now()): ProofCheck {
  if (!proof || !deviceId) return "missing";
  const [issuedAt, given, ...rest] = proof.split(".");
  if (!issuedAt || !given || rest.length || !/^[0-9a-z]{1,12}$/.test(issuedAt)) return "invalid";
  const key = `${token}\n${deviceId}\n${proof}`;
  if (!matched.has(key)) {
    const expected = Buffer.from(mac(token, deviceId, issuedAt));
    const actual = Buffer.from(given);
    if (expected.length !== actual.length || !crypto.timingSafeEqual(expected, actual)) return "invalid";
    if (matched.size >= MATCHED_LIMIT) matched.delete(matched.values().next().value!);
    matched.add(key);
  }
  const age = now - parseInt(issuedAt, 36);
  // A proof from the future (clock skew between instances) counts as fresh for a minute.
  if (age < -60_000 || age > env.RESPONDENT_PROOF_TTL_SECONDS * 1000) return "expired";
  return "ok";
}
