import { recordAuditEvent } from "../../../db/queries/audit";
import { updateFieldworkSettings, type Study } from "../../../db/queries/studies";
import type { Db } from "../../../db/client";
import { done, refused, type DesignResult } from "./design-result";
import { instantOfWallTime, isTimeZone } from "./zoned-time";

export interface FieldworkWindowInput {
  /** Wall times `YYYY-MM-DDTHH:mm` in `timeZone`; empty = open-ended. */
  opensAt?: string;
  closesAt?: string;
  /** The researcher's time zone (IANA name, from the browser; "UTC" without JavaScript). */
  timeZone: string;
  onePerDevice: boolean;
  /** Minutes after the close during which responses already started may still finish (0 to 10080); omitted: unchanged. */
  graceMinutes?: number;
}

const iso = (ms: number | null) => (ms === null ? "-" : new Date(ms).toISOString());

/** Stores the window as UTC instants (read in the researcher's time zone) and the device rule. */
export async function saveFieldworkWindow(db: Db, study: Study, userId: number, input: FieldworkWindowInput): Promise<DesignResult> {
  if (!isTimeZone(input.timeZone)) return refused({ timeZone: ["study.error.timeZone"] });
  const read = (value: string | undefined) => (value ? instantOfWallTime(value, input.timeZone) : null);
  const opensAt = read(input.opensAt);
  const closesAt = read(input.closesAt);
  if (input.opensAt && opensAt === null) return refused({ opensAt: ["fieldwork.error.dateInvalid"] });
  if (input.closesAt && closesAt === null) return refused({ closesAt: ["fieldwork.error.dateInvalid"] });
  if (opensAt !== null && closesAt !== null && closesAt <= opensAt) return refused({ closesAt: ["fieldwork.error.closesBeforeOpens"] });
  const graceMinutes = input.graceMinutes ?? study.fieldworkGraceMinutes;
  if (!Number.isSafeInteger(graceMinutes) || graceMinutes < 0 || graceMinutes > 10_080) return refused({ graceMinutes: ["fieldwork.error.graceMinutes"] });
  const now = Date.now();
  await updateFieldworkSettings(db, { id: study.id, opensAt, closesAt, onePerDevice: input.onePerDevice, graceMinutes, now });
  const detail = `${iso(opensAt)} to ${iso(closesAt)} (${input.timeZone}), one per device: ${input.onePerDevice ? "yes" : "no"}, grace: ${graceMinutes} min`;
  await recordAuditEvent(db, { studyId: study.id, userId, action: "fieldworkSettings", detail, now });
  return done("study.saved");
}

/** Opens the fieldwork now, with no end. */
export async function openFieldworkNow(db: Db, study: Study, userId: number): Promise<DesignResult> {
  const now = Date.now();
  await updateFieldworkSettings(db, { id: study.id, opensAt: now, closesAt: null, onePerDevice: study.onePerDevice, now });
  await recordAuditEvent(db, { studyId: study.id, userId, action: "openFieldwork", detail: iso(now), now });
  return done("fieldwork.window.state.open");
}

/** Closes the fieldwork now (the route asks for confirmation first): links answer "closed". */
export async function closeFieldworkNow(db: Db, study: Study, userId: number): Promise<DesignResult> {
  const now = Date.now();
  const opensAt = study.fieldworkOpensAt !== null && study.fieldworkOpensAt < now ? study.fieldworkOpensAt : null;
  await updateFieldworkSettings(db, { id: study.id, opensAt, closesAt: now, onePerDevice: study.onePerDevice, now });
  await recordAuditEvent(db, { studyId: study.id, userId, action: "closeFieldwork", detail: iso(now), now });
  return done("fieldwork.window.state.closed");
}
