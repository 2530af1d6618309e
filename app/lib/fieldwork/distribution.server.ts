import crypto from "node:crypto";
import { CsvError } from "csv-parse";
import { parse } from "csv-parse/sync";
import QRCode from "qrcode";
import { recordAuditEvent } from "../../../db/queries/audit";
import { countInvitations, createInvitations, listAllInvitations, listInvitations, revokeInvitation } from "../../../db/queries/invitations";
import { getLatestQuestionnaire } from "../../../db/queries/questionnaires";
import type { Study } from "../../../db/queries/studies";
import type { MessageKey } from "~/i18n/index";
import type { Db } from "../../../db/client";
import { publicOrigin } from "../platform/http.server";
import { csvText } from "../exports/export-csv.server";

export const MAX_INVITATIONS_PER_REQUEST = 5000;
export const INVITATIONS_PER_PAGE = 100;
const MAX_UPLOAD_BYTES = 2 * 1024 * 1024;

export type Stage = "rating" | "focus-group";

/** The public link of a stage. */
export function stageLink(origin: string, study: Pick<Study, "publicToken">, stage: Stage): string {
  return `${origin}/s/${study.publicToken}${stage === "focus-group" ? "?stage=focus-group" : ""}`;
}

export function invitationLink(origin: string, study: Pick<Study, "publicToken">, token: string): string {
  return `${origin}/s/${study.publicToken}?invite=${token}`;
}

/** The origin links are made for (BASE_URL, else the one the researcher's browser used). */
export const originOf = publicOrigin;

export function parseStage(value: string | null): Stage {
  if (value === null || value === "rating") return "rating";
  if (value === "focus-group") return "focus-group";
  throw new Response("stage requires rating or focus-group", { status: 400 });
}

/** A QR code of a link: SVG text, or a PNG of `size` pixels square. */
export async function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 4 });
}
export const QR_PNG_SIZE = 600;
export async function qrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, { type: "png", errorCorrectionLevel: "M", margin: 4, width: QR_PNG_SIZE });
}

export function newInvitationToken(): string {
  return crypto.randomBytes(16).toString("base64url");
}

/**
 * Splits CSV text into rows of fields with each row's first line number, through csv-parse
 * (RFC 4180: quotes, doubled quotes, commas and line breaks in quotes; a byte order mark and
 * empty lines skipped; CR LF, LF or CR line ends, mixed too). A quote left open is a CsvError.
 */
export function parseCsv(source: string): Array<{ line: number; fields: string[] }> {
  const records = parse(source.replace(/\r\n?/g, "\n"), {
    bom: true,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    record_delimiter: "\n",
  }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  // csv-parse counts lines up to the record's end: its first line is that less its inner line breaks.
  return records.map(({ record, info }) => ({ line: info.lines - record.join("").split("\n").length + 1, fields: record }));
}

const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;
export type LineError = { line: number; error: MessageKey };

/**
 * Invitation rows from pasted lines or a CSV of `label,email` (a header row `label,email` is
 * skipped, a single column is an email when it looks like one, else a label). Every bad line
 * is reported; nothing is returned for creation unless all lines are good.
 */
export function parseInvitationRows(source: string): { ok: true; rows: Array<{ label: string; email: string | null }> } | { ok: false; errors: LineError[] } {
  const errors: LineError[] = [];
  const rows: Array<{ label: string; email: string | null }> = [];
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(source);
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // csv-parse tells where parsing stopped, not where the quote opened: no line is named.
    return { ok: false, errors: [{ line: 0, error: "fieldwork.error.invitationQuote" }] };
  }
  for (const { line, fields } of records) {
    const cells = fields.map((f) => f.trim());
    if (cells.every((c) => c === "")) continue;
    if (rows.length === 0 && errors.length === 0 && cells[0]?.toLowerCase() === "label" && (cells[1] ?? "").toLowerCase() === "email") continue;
    if (cells.length > 2) {
      errors.push({ line, error: "fieldwork.error.invitationColumns" });
      continue;
    }
    let [label = "", email = ""] = cells;
    if (cells.length === 1 && EMAIL.test(label)) [label, email] = ["", label];
    if (label.length > 200) errors.push({ line, error: "fieldwork.error.invitationLabel" });
    else if (email && (email.length > 254 || !EMAIL.test(email))) errors.push({ line, error: "fieldwork.error.invitationEmail" });
    else rows.push({ label, email: email || null });
  }
  if (errors.length) return { ok: false, errors };
  if (rows.length === 0) return { ok: false, errors: [{ line: 0, error: "fieldwork.error.invitationsEmpty" }] };
  if (rows.length > MAX_INVITATIONS_PER_REQUEST) return { ok: false, errors: [{ line: 0, error: "fieldwork.error.tooManyInvitations" }] };
  return { ok: true, rows };
}

export type InvitationResult = { ok: true; created?: number; notice: MessageKey } | { ok: false; errors: LineError[] };

/** Creates invitations from the pasted `lines` and/or the uploaded `csv` file: all or none. */
export async function createInvitationsFrom(db: Db, study: Study, userId: number, form: FormData): Promise<InvitationResult> {
  let source = typeof form.get("lines") === "string" ? String(form.get("lines")) : "";
  const file = form.get("csv");
  if (file && typeof file !== "string" && file.size > 0) {
    if (file.size > MAX_UPLOAD_BYTES) return { ok: false, errors: [{ line: 0, error: "fieldwork.error.uploadTooLarge" }] };
    const uploaded = await file.text();
    source = source.trim() ? `${source.replace(/\s+$/, "")}\n${uploaded}` : uploaded;
  }
  const parsed = parseInvitationRows(source);
  if (!parsed.ok) return parsed;
  const created = await createInvitations(db, {
    studyId: study.id,
    rows: parsed.rows.map((r) => ({ ...r, token: newInvitationToken() })),
    now: Date.now(),
  });
  await recordAuditEvent(db, { studyId: study.id, userId, action: "createInvitations", detail: `${created}`, now: Date.now() });
  return { ok: true, created, notice: "fieldwork.invitations.created" };
}

export async function revokeInvitationOf(db: Db, study: Study, userId: number, form: FormData): Promise<InvitationResult> {
  const id = Number(form.get("invitationId"));
  if (!Number.isSafeInteger(id) || !(await revokeInvitation(db, { studyId: study.id, invitationId: id }))) {
    return { ok: false, errors: [{ line: 0, error: "fieldwork.error.revokeUsed" }] };
  }
  await recordAuditEvent(db, { studyId: study.id, userId, action: "revokeInvitation", detail: String(id), now: Date.now() });
  return { ok: true, notice: "fieldwork.invitations.revoked" };
}

/** The distribution page: links of both stages, QR code downloads, invitations (one page). */
export async function loadDistribution(db: Db, study: Study, origin: string, page: number) {
  const counts = await countInvitations(db, study.id);
  const pages = Math.max(1, Math.ceil(counts.total / INVITATIONS_PER_PAGE));
  const current = Math.min(Math.max(1, page), pages);
  const rating = await getLatestQuestionnaire(db, study.id, "rating");
  const focusGroup = await getLatestQuestionnaire(db, study.id, "focus_group");
  return {
    study: { id: study.id, title: study.title, titleZh: study.titleZh },
    stages: [
      { stage: "rating" as const, published: rating?.version ?? null, link: stageLink(origin, study, "rating") },
      { stage: "focus-group" as const, published: focusGroup?.version ?? null, link: stageLink(origin, study, "focus-group") },
    ],
    counts,
    page: current,
    pages,
    invitations: (await listInvitations(db, { studyId: study.id, limit: INVITATIONS_PER_PAGE, offset: (current - 1) * INVITATIONS_PER_PAGE })).map((i) => ({
      ...i,
      link: invitationLink(origin, study, i.token),
    })),
  };
}

/** Every invitation link as CSV, through the exports' CSV writer (UTF-8 with a byte-order mark, formula starts neutralised). */
export async function invitationsCsv(db: Db, study: Study, userId: number, origin: string): Promise<string> {
  const rows = (await listAllInvitations(db, study.id)).map((i) => [i.label, i.email, invitationLink(origin, study, i.token), i.status]);
  await recordAuditEvent(db, { studyId: study.id, userId, action: "exportInvitations", detail: `${rows.length}`, now: Date.now() });
  return csvText(["label", "email", "link", "status"], rows);
}
