import { recordAuditEvent } from "../../../db/queries/audit";
import { addOffer, deleteOffer as deleteOfferRow, setOwnOffer as setOwnOfferRow, updateOffer as updateOfferRow } from "../../../db/queries/offers";
import { listOffers, type Offer, type Study } from "../../../db/queries/studies";
import { makeCode } from "../../../surveys/make-code";
import type { Db } from "../../../db/client";
import { done, refused, type DesignResult, type FieldErrors } from "./design-result";
import { frozenCodes, offerAndAttributeCodes } from "./design-codes.server";
import { nameKey } from "./same-name";

export interface OfferInput {
  name: string;
  nameZh?: string;
  /** Empty: made from the name (snake_case). */
  code?: string;
}

const audit = (db: Db, study: Study, userId: number, action: "addOffer" | "updateOffer" | "deleteOffer", detail: string) =>
  recordAuditEvent(db, { studyId: study.id, userId, action, detail, now: Date.now() });

/** The notice when the own offer moves from one offer to another. */
function ownMoved(previous: Offer | undefined, now: string): DesignResult {
  return previous ? done("study.notice.ownMoved", { now, was: previous.name }) : done("study.saved");
}

/**
 * Adds offers (one form may add several). Names must differ from each other and from the study's
 * offers; a code given must be free; `own` (an index into `rows`) makes that one the own offer,
 * and the previous own offer becomes a competitor (the result says so). Errors by `rows[i].field`.
 */
export async function addOffers(db: Db, study: Study, userId: number, rows: OfferInput[], own: number | null): Promise<DesignResult> {
  const existing = await listOffers(db, study.id);
  const names = new Set(existing.map((o) => nameKey(o.name)));
  const taken = await offerAndAttributeCodes(db, study.id);
  const errors: FieldErrors = {};
  const codes: string[] = [];
  for (const [i, row] of rows.entries()) {
    const key = nameKey(row.name);
    if (names.has(key)) errors[`rows[${i}].name`] = ["study.error.offerNameTaken"];
    names.add(key);
    if (row.code && taken.has(row.code)) errors[`rows[${i}].code`] = ["study.error.codeTaken"];
    const code = row.code || makeCode(row.name, `offer${existing.length + i + 1}`, taken);
    taken.add(code);
    codes.push(code);
  }
  if (own !== null && (own < 0 || own >= rows.length)) errors.own = ["study.error.ownInvalid"];
  if (Object.keys(errors).length > 0) return refused(errors);
  const previous = existing.find((o) => o.isOwn);
  for (const [i, row] of rows.entries()) {
    await addOffer(db, { studyId: study.id, fields: { code: codes[i]!, name: row.name, nameZh: row.nameZh ?? null, isOwn: own === i } });
    await audit(db, study, userId, "addOffer", `${row.name} (${codes[i]})${own === i ? ", own offer" : ""}`);
  }
  return own !== null ? ownMoved(previous, rows[own]!.name) : done("study.saved");
}

async function offerOf(db: Db, study: Study, offerId: number): Promise<{ offer: Offer; all: Offer[] }> {
  const all = await listOffers(db, study.id);
  const offer = all.find((o) => o.id === offerId);
  if (!offer) throw new Response("offer not found", { status: 404 });
  return { offer, all };
}

/** Renames an offer; its code changes only while no published version uses it. */
export async function updateOffer(db: Db, study: Study, userId: number, input: OfferInput & { offerId: number }): Promise<DesignResult> {
  const { offer, all } = await offerOf(db, study, input.offerId);
  const errors: FieldErrors = {};
  if (all.some((o) => o.id !== offer.id && nameKey(o.name) === nameKey(input.name))) errors.name = ["study.error.offerNameTaken"];
  const code = input.code && input.code !== offer.code ? input.code : undefined;
  if (code !== undefined) {
    if ((await frozenCodes(db, study.id)).items.has(offer.code)) errors.code = ["study.error.codeFrozen"];
    else if ((await offerAndAttributeCodes(db, study.id)).has(code)) errors.code = ["study.error.codeTaken"];
  }
  if (Object.keys(errors).length > 0) return refused(errors);
  await updateOfferRow(db, { studyId: study.id, offerId: offer.id, fields: { name: input.name, nameZh: input.nameZh ?? null, ...(code ? { code } : {}) } });
  await audit(db, study, userId, "updateOffer", code ? `${input.name} (${offer.code} -> ${code})` : `${input.name} (${offer.code})`);
  return done("study.saved");
}

/** Makes this offer the own offer; the notice names the one it replaces. */
export async function setOwnOffer(db: Db, study: Study, userId: number, input: { offerId: number }): Promise<DesignResult> {
  const { offer, all } = await offerOf(db, study, input.offerId);
  const previous = all.find((o) => o.isOwn && o.id !== offer.id);
  if (offer.isOwn) return done("study.saved");
  await setOwnOfferRow(db, { studyId: study.id, offerId: offer.id });
  await audit(db, study, userId, "updateOffer", `own offer: ${offer.code}${previous ? ` (was ${previous.code})` : ""}`);
  return ownMoved(previous, offer.name);
}

/** Removes an offer (the route asks for confirmation first); published versions keep it. */
export async function deleteOffer(db: Db, study: Study, userId: number, input: { offerId: number }): Promise<DesignResult> {
  const { offer } = await offerOf(db, study, input.offerId);
  await deleteOfferRow(db, { studyId: study.id, offerId: offer.id });
  await audit(db, study, userId, "deleteOffer", `${offer.name} (${offer.code})`);
  return done("study.notice.deleted", { name: offer.name });
}
