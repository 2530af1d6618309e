import type { LoaderFunctionArgs } from "@remix-run/node";
import { invitationsCsv } from "~/lib/fieldwork/invitations-csv.server";
import { originOf } from "~/lib/fieldwork/links.server";
import { requireUserId } from "~/lib/auth/session.server";
import { requireStudyRole } from "~/lib/design/study-access.server";
import { dbOf } from "~/lib/platform/context.server";

/** Every personal invitation link of the study as CSV (label, email, link, status). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const userId = await requireUserId(db, request);
  const { study } = await requireStudyRole(db, userId, params.id, "editor");
  return new Response(await invitationsCsv(db, study, userId, originOf(request)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="valuemap-${study.id}-invitations.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
