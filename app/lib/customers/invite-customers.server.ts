import type { Db } from "../../../db/client";
import { recordAuditEvent } from "../../../db/queries/audit";
import { listInvitedCustomerIds } from "../../../db/queries/customers";
import { createInvitations } from "../../../db/queries/invitations";
import type { Study } from "../../../db/queries/studies";
import { MAX_INVITATIONS_PER_REQUEST } from "../fieldwork/invitation-limits";
import { newInvitationToken } from "../fieldwork/respondent-invitations.server";
import { customersOf, loadCustomerAnalysis } from "./customer-analysis.server";
import type { CustomerGroup } from "./customer-codes";

export type InviteCustomersResult = { ok: true; created: number; already: number } | { ok: false; reason: "no-customers" | "too-many"; count?: number };

/**
 * Personal invitations for the customers of a group (a pyramid tier, an RFM segment, or the
 * silent customers), one per customer not yet invited in this study. Each invitation keeps the
 * customer's id (its label shows it too), so the response it brings is joined to the customer:
 * the report can then filter the value map by segment, tier or silence. All or none
 * (`createInvitations` is one transaction); at most `MAX_INVITATIONS_PER_REQUEST` at once.
 */
export async function inviteCustomers(db: Db, study: Study, userId: number, group: CustomerGroup, now = Date.now()): Promise<InviteCustomersResult> {
  const analysis = await loadCustomerAnalysis(db, study.id);
  const members = customersOf(analysis, group);
  if (members.length === 0) return { ok: false, reason: "no-customers" };
  const invited = await listInvitedCustomerIds(db, study.id);
  const fresh = members.filter((c) => !invited.has(c.id));
  if (fresh.length > MAX_INVITATIONS_PER_REQUEST) return { ok: false, reason: "too-many", count: fresh.length };
  if (fresh.length > 0) {
    await createInvitations(db, {
      studyId: study.id,
      rows: fresh.map((c) => ({ token: newInvitationToken(), label: c.id.slice(0, 200), email: null, customerId: c.id })),
      now,
    });
    await recordAuditEvent(db, { studyId: study.id, userId, action: "customers.invite", detail: `${group.kind}:${"value" in group ? group.value : ""} ${fresh.length}`, now });
  }
  return { ok: true, created: fresh.length, already: members.length - fresh.length };
}
