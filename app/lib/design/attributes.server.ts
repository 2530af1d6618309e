import { recordAuditEvent, type AuditAction } from "../../../db/queries/audit";
import { addAttribute, deleteAttribute as deleteAttributeRow, updateAttribute as updateAttributeRow, type CostGroupCode } from "../../../db/queries/attributes";
import { listAttributes, type Attribute, type Study } from "../../../db/queries/studies";
import { makeCode } from "../../../surveys/make-code";
import type { Db } from "../../../db/client";
import { done, refused, type DesignResult, type FieldErrors } from "./design-result";
import { frozenCodes, offerAndAttributeCodes } from "./design-codes.server";
import { nameKey } from "./same-name";

export interface AttributeInput {
  name: string;
  nameZh?: string;
  description?: string;
  descriptionZh?: string;
  groupName?: string;
  /** A price attribute's Kotler cost group (default "money"); a quality attribute has none. */
  costGroup?: CostGroupCode;
  /** Empty: made from the name (snake_case). */
  code?: string;
}
export type NewAttribute = AttributeInput & { kind: "quality" | "price" };

const fields = (input: AttributeInput) => ({
  name: input.name,
  nameZh: input.nameZh ?? null,
  description: input.description ?? "",
  descriptionZh: input.descriptionZh ?? null,
  groupName: input.groupName ?? null,
});

/** A cost group other than money given to a quality attribute: refused (only costs have one). */
const misplacedCostGroup = (kind: "quality" | "price", costGroup: CostGroupCode | undefined) => kind === "quality" && costGroup !== undefined && costGroup !== "money";

/**
 * Adds quality and price attributes (one form may add several). Names must differ from each other
 * and from the study's attributes; a code given must be free. Errors by `rows[i].field`. The
 * focus-group page adds a suggestion through here too (`action` "mergeSuggestion").
 */
export async function addAttributes(db: Db, study: Study, userId: number, rows: NewAttribute[], action: AuditAction = "addAttribute", note = ""): Promise<DesignResult> {
  const existing = await listAttributes(db, study.id);
  const names = new Set(existing.map((a) => nameKey(a.name)));
  const taken = await offerAndAttributeCodes(db, study.id);
  const errors: FieldErrors = {};
  const codes: string[] = [];
  for (const [i, row] of rows.entries()) {
    const key = nameKey(row.name);
    if (names.has(key)) errors[`rows[${i}].name`] = ["study.error.attributeNameTaken"];
    names.add(key);
    if (row.code && taken.has(row.code)) errors[`rows[${i}].code`] = ["study.error.codeTaken"];
    if (misplacedCostGroup(row.kind, row.costGroup)) errors[`rows[${i}].costGroup`] = ["study.error.costGroupQuality"];
    const code = row.code || makeCode(row.name, `attr${existing.length + i + 1}`, taken);
    taken.add(code);
    codes.push(code);
  }
  if (Object.keys(errors).length > 0) return refused(errors);
  for (const [i, row] of rows.entries()) {
    const costGroup = row.kind === "price" ? (row.costGroup ?? "money") : "money";
    await addAttribute(db, { studyId: study.id, fields: { ...fields(row), kind: row.kind, code: codes[i]!, costGroup } });
    const kind = costGroup === "money" ? row.kind : `${row.kind}, ${costGroup}`;
    await recordAuditEvent(db, { studyId: study.id, userId, action, detail: `${row.name} (${codes[i]}, ${kind})${note}`, now: Date.now() });
  }
  return done("study.saved");
}

async function attributeOf(db: Db, study: Study, attributeId: number): Promise<{ attribute: Attribute; all: Attribute[] }> {
  const all = await listAttributes(db, study.id);
  const attribute = all.find((a) => a.id === attributeId);
  if (!attribute) throw new Response("attribute not found", { status: 404 });
  return { attribute, all };
}

/**
 * Changes an attribute's texts and, for a price attribute, its cost group (absent: kept; the next
 * publication freezes it, so the design page lists it as an unpublished change); its code
 * changes only while no published version uses it.
 */
export async function updateAttribute(db: Db, study: Study, userId: number, input: AttributeInput & { attributeId: number }): Promise<DesignResult> {
  const { attribute, all } = await attributeOf(db, study, input.attributeId);
  const errors: FieldErrors = {};
  if (all.some((a) => a.id !== attribute.id && nameKey(a.name) === nameKey(input.name))) errors.name = ["study.error.attributeNameTaken"];
  if (misplacedCostGroup(attribute.kind, input.costGroup)) errors.costGroup = ["study.error.costGroupQuality"];
  const code = input.code && input.code !== attribute.code ? input.code : undefined;
  if (code !== undefined) {
    if ((await frozenCodes(db, study.id)).items.has(attribute.code)) errors.code = ["study.error.codeFrozen"];
    else if ((await offerAndAttributeCodes(db, study.id)).has(code)) errors.code = ["study.error.codeTaken"];
  }
  if (Object.keys(errors).length > 0) return refused(errors);
  const costGroup = attribute.kind === "price" && input.costGroup !== undefined ? input.costGroup : undefined;
  await updateAttributeRow(db, { studyId: study.id, attributeId: attribute.id, fields: { ...fields(input), ...(code ? { code } : {}), ...(costGroup ? { costGroup } : {}) } });
  const moved = costGroup !== undefined && costGroup !== attribute.costGroup ? `, ${attribute.costGroup} -> ${costGroup}` : "";
  const detail = code ? `${input.name} (${attribute.code} -> ${code}${moved})` : `${input.name} (${attribute.code}${moved})`;
  await recordAuditEvent(db, { studyId: study.id, userId, action: "updateAttribute", detail, now: Date.now() });
  return done("study.saved");
}

/** Removes an attribute (the route asks for confirmation first); published versions keep it. */
export async function deleteAttribute(db: Db, study: Study, userId: number, input: { attributeId: number }): Promise<DesignResult> {
  const { attribute } = await attributeOf(db, study, input.attributeId);
  await deleteAttributeRow(db, { studyId: study.id, attributeId: attribute.id });
  await recordAuditEvent(db, { studyId: study.id, userId, action: "deleteAttribute", detail: `${attribute.name} (${attribute.code})`, now: Date.now() });
  return done("study.notice.deleted", { name: attribute.name });
}
