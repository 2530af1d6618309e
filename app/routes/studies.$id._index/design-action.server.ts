import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs } from "@remix-run/node";
import type { Study } from "../../../db/queries/studies";
import type { Db } from "../../../db/client";
import { addAttributes, deleteAttribute, updateAttribute } from "~/lib/design/attributes.server";
import type { DesignResult } from "~/lib/design/design-result";
import { closeFieldworkNow, openFieldworkNow, saveFieldworkWindow } from "~/lib/design/fieldwork-window.server";
import { addOffers, deleteOffer, setOwnOffer, updateOffer } from "~/lib/design/offers.server";
import { addProfileQuestion, deleteProfileQuestion, moveProfileQuestion, updateProfileQuestion } from "~/lib/design/profile-questions.server";
import { publishFocusGroup, publishRating } from "~/lib/design/publish.server";
import { saveQuotas } from "~/lib/design/quotas.server";
import { saveRatingLayout } from "~/lib/design/rating-layout.server";
import { saveStudyDetails } from "~/lib/design/study-details.server";
import type { FormReply } from "~/components/form-kit";
import { requireResearcherForm } from "~/lib/auth/csrf.server";
import { requireStudyRole } from "~/lib/design/study-access.server";
import { dbOf } from "~/lib/platform/context.server";
import { DesignSchema, formIdOf, isDesignIntent, type DesignSubmission } from "./design-schemas";

/** A one-row form's errors are named without the `rows[0].` of the service's rows. */
function single(result: DesignResult): DesignResult {
  if (result.ok) return result;
  return { ok: false, errors: Object.fromEntries(Object.entries(result.errors).map(([path, keys]) => [path.replace(/^rows\[0\]\./, ""), keys])) };
}

/** Runs one parsed design-page submission through its service (each records its audit event). */
export async function runDesignAction(db: Db, study: Study, userId: number, value: DesignSubmission): Promise<DesignResult> {
  switch (value.intent) {
    case "details":
      return saveStudyDetails(db, study, userId, value);
    case "addOffers":
      return addOffers(db, study, userId, value.rows, value.own ?? null);
    case "addOffer":
      return single(await addOffers(db, study, userId, [value], value.isOwn ? 0 : null));
    case "updateOffer":
      return updateOffer(db, study, userId, value);
    case "deleteOffer":
      return deleteOffer(db, study, userId, value);
    case "setOwnOffer":
      return setOwnOffer(db, study, userId, value);
    case "addAttributes":
      return addAttributes(db, study, userId, value.rows);
    case "addAttribute":
      return single(await addAttributes(db, study, userId, [value]));
    case "updateAttribute":
      return updateAttribute(db, study, userId, value);
    case "deleteAttribute":
      return deleteAttribute(db, study, userId, value);
    case "addProfileQuestion":
      return addProfileQuestion(db, study, userId, value);
    case "updateProfileQuestion":
      return updateProfileQuestion(db, study, userId, value);
    case "deleteProfileQuestion":
      return deleteProfileQuestion(db, study, userId, value);
    case "moveProfileQuestion":
      return moveProfileQuestion(db, study, userId, value);
    case "saveQuotas":
      return saveQuotas(db, study, userId, value);
    case "ratingLayout":
      return saveRatingLayout(db, study, userId, value);
    case "fieldworkSettings":
      return saveFieldworkWindow(db, study, userId, value);
    case "openFieldwork":
      return openFieldworkNow(db, study, userId);
    case "closeFieldwork":
      return closeFieldworkNow(db, study, userId);
    case "publish":
      return publishRating(db, study, userId, { confirmed: value.confirm === "yes" });
    case "publishFocusGroup":
      return publishFocusGroup(db, study, userId, { confirmed: value.confirm === "yes" });
  }
}

/**
 * The design page's action: CSRF and the editor role, the submission parsed with the form's zod
 * schema, one service, and conform's reply for the form it came from (with a notice when done).
 */
export async function designAction({ request, params, context }: ActionFunctionArgs): Promise<FormReply> {
  const db = await dbOf(context);
  const { session, form } = await requireResearcherForm(db, request);
  const { study } = await requireStudyRole(db, session.userId, params.id, "editor");
  const intent = form.get("intent");
  if (!isDesignIntent(intent)) throw new Response("intent is not known", { status: 400 });
  const formId = formIdOf(intent, form);
  const submission = parseWithZod(form, { schema: DesignSchema });
  if (submission.status !== "success") return { formId, ok: false, result: submission.reply(), notice: null };
  const result = await runDesignAction(db, study, session.userId, submission.value);
  if (result.ok) return { formId, ok: true, result: submission.reply({ resetForm: true }), notice: result.notice ? { key: result.notice, params: result.params } : null };
  const { "": formErrors, ...fieldErrors } = result.errors;
  return { formId, ok: false, result: submission.reply({ formErrors, fieldErrors }), notice: null };
}
