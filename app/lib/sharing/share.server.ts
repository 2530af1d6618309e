import crypto from "node:crypto";
import { recordAuditEvent } from "../../../db/queries/audit";
import { getStudyById } from "../../../db/queries/members";
import { findActiveShareLink, insertShareLink, listShareLinks, revokeShareLink } from "../../../db/queries/share-links";
import type { Study } from "../../../db/queries/studies";
import type { Db } from "../../../db/client";
import type { MessageKey } from "~/i18n/index";
import { translate } from "~/i18n/messages.server";

/** Share tokens: 256 random bits, base64url; only their SHA-256 is stored. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
export const hashShareToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

/** Headers of every shared-report response (found or not): not indexed, no Referer to other sites. */
/** The polite 404 of a dead share link, in both languages: who opened it may read either. */
export function shareNotFoundMessages() {
  return (["en", "zh-CN"] as const).map((locale) => ({
    locale,
    title: translate(locale, "exports.share.notFoundTitle"),
    text: translate(locale, "exports.share.notFound"),
  }));
}

export const SHARED_PAGE_HEADERS = { "X-Robots-Tag": "noindex, nofollow", "Referrer-Policy": "no-referrer", "Cache-Control": "private, no-store" } as const;

/**
 * Creates a read-only link for the study; returns the path with the token (shown once). Its label
 * (optional, at most 80 characters) and the token's last 4 characters are kept to tell links
 * apart. Audited.
 */
export async function createShareLink(db: Db, study: Study, userId: number, now = Date.now(), label: string | null = null): Promise<{ id: number; path: string }> {
  const token = crypto.randomBytes(32).toString("base64url");
  const name = label?.trim().slice(0, 80) || null;
  const id = await db.transaction(async (tx) => {
    const created = await insertShareLink(tx, { studyId: study.id, tokenHash: hashShareToken(token), createdBy: userId, now, label: name, tokenTail: token.slice(-4) });
    await recordAuditEvent(tx, { studyId: study.id, userId, action: "shareCreate", detail: name ? `#${created} ${name}` : `#${created}`, now });
    return created;
  });
  return { id, path: `/r/${token}` };
}

/** Revokes a link of the study (audited; the page asks first); refused when it is not an active link of this study. */
export async function revokeShareLinkOf(db: Db, study: Study, userId: number, input: { linkId: number }, now = Date.now()): Promise<{ ok: true } | { ok: false; error: MessageKey }> {
  const id = input.linkId;
  const revoked = await db.transaction(async (tx) => {
    if (!(await revokeShareLink(tx, { studyId: study.id, id, now }))) return false;
    await recordAuditEvent(tx, { studyId: study.id, userId, action: "shareRevoke", detail: `#${id}`, now });
    return true;
  });
  return revoked ? { ok: true } : { ok: false, error: "exports.share.notActive" };
}

export const shareLinksOf = (db: Db, study: Study) => listShareLinks(db, study.id);

/**
 * The study a share token opens, or null for a malformed, unknown or revoked token (the same
 * answer for each: whether a token ever existed is not told).
 */
export async function studyOfShareToken(db: Db, token: string | undefined): Promise<Study | null> {
  return (await shareOfToken(db, token))?.study ?? null;
}

/** The study and the link id of an active share token, or null (see studyOfShareToken). */
export async function shareOfToken(db: Db, token: string | undefined): Promise<{ study: Study; linkId: number } | null> {
  if (!token || !TOKEN.test(token)) return null;
  const link = await findActiveShareLink(db, hashShareToken(token));
  const study = link ? await getStudyById(db, link.studyId) : null;
  return link && study ? { study, linkId: link.id } : null;
}
