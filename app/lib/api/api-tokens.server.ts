import type { Db } from "../../../db/client";
import { getLiveApiToken, insertApiToken, listApiTokens, revokeApiTokenRow, touchApiToken, type ApiScope, type ApiTokenRow } from "../../../db/queries/api-tokens";
import { hashToken, newToken } from "../platform/token.server";

export type { ApiScope, ApiTokenRow };

/** Every personal API token starts with this, so a leaked one is easy to recognise (and to search for). */
export const API_TOKEN_PREFIX = "vm_";

/**
 * Makes a personal API token: 32 random bytes after `vm_`. Only its SHA-256 is stored (like
 * sessions), so the token itself is returned here once, for the page to show once.
 */
export async function createApiToken(db: Db, userId: number, input: { name: string; scope: ApiScope }, now = Date.now()): Promise<{ id: number; token: string }> {
  const token = `${API_TOKEN_PREFIX}${newToken(32)}`;
  const id = await insertApiToken(db, { userId, name: input.name, scope: input.scope, tokenHash: hashToken(token), prefix: token.slice(0, 9), now });
  return { id, token };
}

export function apiTokensOf(db: Db, userId: number): Promise<ApiTokenRow[]> {
  return listApiTokens(db, userId);
}

/** Revokes one of the user's tokens at once; false when it is not theirs or already revoked. */
export function revokeApiToken(db: Db, userId: number, tokenId: number, now = Date.now()): Promise<boolean> {
  return revokeApiTokenRow(db, { userId, tokenId, now });
}

/** Last use is written at most once a minute per token (a busy client does not write on every call). */
const TOUCH_EVERY_MS = 60_000;

/** The live token a bearer value names, or null (unknown, malformed or revoked); records its use. */
export async function authenticateApiToken(db: Db, bearer: string, now = Date.now()): Promise<ApiTokenRow | null> {
  if (!bearer.startsWith(API_TOKEN_PREFIX) || bearer.length > 200) return null;
  const token = await getLiveApiToken(db, hashToken(bearer));
  if (!token) return null;
  if (token.lastUsedAt === null || now - token.lastUsedAt >= TOUCH_EVERY_MS) await touchApiToken(db, { tokenId: token.id, now });
  return token;
}
