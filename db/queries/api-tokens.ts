import { sql } from "drizzle-orm";
import type { Db } from "../client";

export type ApiScope = "read" | "write";

export interface ApiTokenRow {
  id: number;
  userId: number;
  name: string;
  scope: ApiScope;
  prefix: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

const COLUMNS = sql.raw(`id, user_id as "userId", name, scope, prefix, created_at as "createdAt", last_used_at as "lastUsedAt", revoked_at as "revokedAt"`);
const toRow = (r: ApiTokenRow): ApiTokenRow => ({
  ...r,
  createdAt: Number(r.createdAt),
  lastUsedAt: r.lastUsedAt === null ? null : Number(r.lastUsedAt),
  revokedAt: r.revokedAt === null ? null : Number(r.revokedAt),
});

export async function insertApiToken(db: Db, args: { userId: number; name: string; scope: ApiScope; tokenHash: string; prefix: string; now: number }): Promise<number> {
  const [row] = await db.rows<{ id: number }>(
    sql`insert into api_tokens (user_id, name, scope, token_hash, prefix, created_at)
        values (${args.userId}, ${args.name}, ${args.scope}, ${args.tokenHash}, ${args.prefix}, ${args.now}) returning id`,
  );
  return row!.id;
}

/** A user's tokens, newest first (revoked ones too: the list is their record). */
export async function listApiTokens(db: Db, userId: number): Promise<ApiTokenRow[]> {
  return (await db.rows<ApiTokenRow>(sql`select ${COLUMNS} from api_tokens where user_id = ${userId} order by id desc`)).map(toRow);
}

/** The live (not revoked) token with this hash. */
export async function getLiveApiToken(db: Db, tokenHash: string): Promise<ApiTokenRow | null> {
  const [row] = await db.rows<ApiTokenRow>(sql`select ${COLUMNS} from api_tokens where token_hash = ${tokenHash} and revoked_at is null`);
  return row ? toRow(row) : null;
}

export async function revokeApiTokenRow(db: Db, args: { userId: number; tokenId: number; now: number }): Promise<boolean> {
  return (await db.run(sql`update api_tokens set revoked_at = ${args.now} where id = ${args.tokenId} and user_id = ${args.userId} and revoked_at is null`)) === 1;
}

export async function touchApiToken(db: Db, args: { tokenId: number; now: number }): Promise<void> {
  await db.run(sql`update api_tokens set last_used_at = ${args.now} where id = ${args.tokenId}`);
}
