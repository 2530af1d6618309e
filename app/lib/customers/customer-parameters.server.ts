import type { Db } from "../../../db/client";
import { recordAuditEvent } from "../../../db/queries/audit";
import { saveCustomerSettings } from "../../../db/queries/customers";
import type { Study } from "../../../db/queries/studies";
import type { CustomerParameters } from "./customer-analysis.server";

/** Saves the parameters of the study's customer figures (the next page view recomputes them). */
export async function saveCustomerParameters(db: Db, study: Study, userId: number, parameters: CustomerParameters, now = Date.now()): Promise<void> {
  await saveCustomerSettings(db, study.id, parameters, now);
  await recordAuditEvent(db, {
    studyId: study.id,
    userId,
    action: "customers.parameters",
    detail: `i=${parameters.discountRate} r=${parameters.retention ?? "measured"} c=${parameters.cost} T=${parameters.horizonYears ?? "unlimited"}`,
    now,
  });
}
