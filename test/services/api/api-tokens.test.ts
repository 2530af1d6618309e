import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireApiStudy, requireApiToken } from "../../../app/lib/api/api-auth.server";
import { apiTokensOf, createApiToken, revokeApiToken } from "../../../app/lib/api/api-tokens.server";
import { upsertMember } from "../../../db/queries/members";
import { addUser } from "../../db/fixtures";
import { demoDb } from "../demo-db";

/** Personal API tokens: stored hashed, scoped, revocable at once; study access by the pages' rule. */
let demo: Awaited<ReturnType<typeof demoDb>>;
let ownerId = 0;
let viewerId = 0;
let outsiderId = 0;
beforeAll(async () => {
  demo = await demoDb();
  ownerId = demo.study.ownerId;
  viewerId = (await addUser(demo.db, "api-viewer@example.com")).id;
  outsiderId = (await addUser(demo.db, "api-outsider@example.com")).id;
  await upsertMember(demo.db, { studyId: demo.study.id, userId: viewerId, role: "viewer", now: Date.now() });
});
afterAll(() => demo.cleanup());

const request = (token?: string) => new Request("http://localhost/api/studies", token === undefined ? {} : { headers: { Authorization: `Bearer ${token}` } });
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    async (thrown: unknown) => (thrown instanceof Response ? { status: thrown.status, error: ((await thrown.json()) as { error: string }).error } : thrown),
  );

describe("API tokens (service)", () => {
  it("stores only the token's SHA-256 and shows the token once", async () => {
    const { id, token } = await createApiToken(demo.db, ownerId, { name: "R script", scope: "read" });
    expect(token).toMatch(/^vm_[A-Za-z0-9_-]{43}$/);
    const [row] = await demo.db.rows<{ hash: string; prefix: string }>(sql`select token_hash as "hash", prefix from api_tokens where id = ${id}`);
    expect(row!.hash).toBe(crypto.createHash("sha256").update(token).digest("hex"));
    expect(JSON.stringify(await demo.db.rows(sql`select * from api_tokens`))).not.toContain(token);
    expect(row!.prefix).toBe(token.slice(0, 9));
    expect((await apiTokensOf(demo.db, ownerId)).map((t) => [t.name, t.scope])).toContainEqual(["R script", "read"]);
  });

  it("refuses a request without a token, with an unknown one, and a read token's write", async () => {
    expect(await refusal(requireApiToken(demo.db, request(), "read"))).toMatchObject({ status: 401 });
    expect(await refusal(requireApiToken(demo.db, request("vm_not-a-token"), "read"))).toEqual({ status: 401, error: "the API token is unknown or revoked" });
    const { token } = await createApiToken(demo.db, ownerId, { name: "reader", scope: "read" });
    expect((await requireApiToken(demo.db, request(token), "read")).userId).toBe(ownerId);
    expect(await refusal(requireApiToken(demo.db, request(token), "write"))).toEqual({ status: 403, error: "this request requires a token with the write scope" });
    const writer = await createApiToken(demo.db, ownerId, { name: "writer", scope: "write" });
    expect((await requireApiToken(demo.db, request(writer.token), "write")).scope).toBe("write");
    expect((await requireApiToken(demo.db, request(writer.token), "read")).scope).toBe("write");
  });

  it("stops a revoked token at once; only its owner can revoke it", async () => {
    const { id, token } = await createApiToken(demo.db, ownerId, { name: "to revoke", scope: "read" });
    expect(await revokeApiToken(demo.db, viewerId, id)).toBe(false);
    await requireApiToken(demo.db, request(token), "read");
    expect(await revokeApiToken(demo.db, ownerId, id)).toBe(true);
    expect(await refusal(requireApiToken(demo.db, request(token), "read"))).toMatchObject({ status: 401 });
    expect(await revokeApiToken(demo.db, ownerId, id)).toBe(false);
    const listed = (await apiTokensOf(demo.db, ownerId)).find((t) => t.id === id)!;
    expect(listed.revokedAt).not.toBeNull();
    expect(listed.lastUsedAt).not.toBeNull();
  });

  it("opens a study with the token owner's role, like the pages: 404 outside it, 403 when the role is too low", async () => {
    const viewer = await requireApiToken(demo.db, request((await createApiToken(demo.db, viewerId, { name: "v", scope: "write" })).token), "read");
    const outsider = await requireApiToken(demo.db, request((await createApiToken(demo.db, outsiderId, { name: "o", scope: "read" })).token), "read");
    expect((await requireApiStudy(demo.db, viewer, String(demo.study.id), "viewer")).role).toBe("viewer");
    expect(await refusal(requireApiStudy(demo.db, viewer, String(demo.study.id), "editor"))).toEqual({ status: 403, error: "this request requires the editor role in the study" });
    expect(await refusal(requireApiStudy(demo.db, outsider, String(demo.study.id), "viewer"))).toEqual({ status: 404, error: "no such study" });
  });

  it("answers 429 with Retry-After past API_RATE_LIMIT requests a minute per token (120 by default)", async () => {
    const { token } = await createApiToken(demo.db, ownerId, { name: "busy", scope: "read" });
    for (let i = 0; i < 120; i++) await requireApiToken(demo.db, request(token), "read");
    const refused = await requireApiToken(demo.db, request(token), "read").then(
      () => null,
      (thrown: Response) => thrown,
    );
    expect(refused?.status).toBe(429);
    expect(Number(refused?.headers.get("Retry-After"))).toBeGreaterThan(0);
    // Another token of the same person has its own count.
    const other = await createApiToken(demo.db, ownerId, { name: "quiet", scope: "read" });
    expect((await requireApiToken(demo.db, request(other.token), "read")).name).toBe("quiet");
  });
});
