import { CsvError } from "csv-parse";
import { parse } from "csv-parse/sync";
import { recordAuditEvent } from "../../../db/queries/audit";
import { listAllInvitations } from "../../../db/queries/invitations";
import type { Study } from "../../../db/queries/studies";
import type { MessageKey } from "~/i18n/index";
import type { Db } from "../../../db/client";
import { csvText } from "../exports/export-csv.server";
import { MAX_INVITATIONS_PER_REQUEST } from "./invitation-limits";
import { invitationLink } from "./links.server";

/*
 * The personal invitations' CSV: reading the researcher's pasted lines or uploaded file
 * (parseCsv through csv-parse, parseInvitationRows) and writing every link as a file
 * (invitationsCsv, through the exports' CSV writer).
 */

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

/** Every invitation link as CSV, through the exports' CSV writer (UTF-8 with a byte-order mark, formula starts neutralised). */
export async function invitationsCsv(db: Db, study: Study, userId: number, origin: string): Promise<string> {
  const rows = (await listAllInvitations(db, study.id)).map((i) => [i.label, i.email, invitationLink(origin, study, i.token), i.status]);
  await recordAuditEvent(db, { studyId: study.id, userId, action: "exportInvitations", detail: `${rows.length}`, now: Date.now() });
  return csvText(["label", "email", "link", "status"], rows);
}
