import { recordAuditEvent } from "../../../db/queries/audit";
import { listAllInvitations } from "../../../db/queries/invitations";
import type { Study } from "../../../db/queries/studies";
import type { MessageKey } from "~/i18n/index";
import type { Db } from "../../../db/client";
import { MAX_INVITATIONS_PER_REQUEST } from "./invitation-limits";
import { invitationLink } from "./links.server";

/*
 * The personal invitations' CSV: reading the researcher's pasted lines or uploaded file
 * (parseCsv, parseInvitationRows) and writing every link as a file (csvCell, invitationsCsv).
 * Moved here unchanged from distribution.server.ts (issue 16); issue 22 replaces the parser and
 * the writer with maintained libraries.
 */

/** Splits CSV text into rows of fields (RFC 4180: quotes, doubled quotes, commas and line breaks in quotes), with each row's first line number. */
export function parseCsv(source: string): Array<{ line: number; fields: string[] }> {
  const rows: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let i = 0;
  const text = source.replace(/^\uFEFF/, "");
  const endRow = () => {
    fields.push(field);
    rows.push({ line: rowLine, fields });
    fields = [];
    field = "";
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line += 1;
        field += ch;
      }
      i += 1;
    } else if (ch === '"' && field === "") {
      quoted = true;
      i += 1;
    } else if (ch === ",") {
      fields.push(field);
      field = "";
      i += 1;
    } else if (ch === "\r" || ch === "\n") {
      endRow();
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
      line += 1;
      rowLine = line;
    } else {
      field += ch;
      i += 1;
    }
  }
  if (field !== "" || fields.length) endRow();
  return rows;
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
  for (const { line, fields } of parseCsv(source)) {
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

/** A CSV cell: formula starts (= + - @ tab CR) get an apostrophe, then the cell is quoted. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** Every invitation link as CSV (UTF-8 with a byte-order mark for spreadsheet programs). */
export async function invitationsCsv(db: Db, study: Study, userId: number, origin: string): Promise<string> {
  const lines = [["label", "email", "link", "status"].map(csvCell).join(",")];
  for (const i of await listAllInvitations(db, study.id)) {
    lines.push([i.label, i.email ?? "", invitationLink(origin, study, i.token), i.status].map(csvCell).join(","));
  }
  await recordAuditEvent(db, { studyId: study.id, userId, action: "exportInvitations", detail: `${lines.length - 1}`, now: Date.now() });
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
