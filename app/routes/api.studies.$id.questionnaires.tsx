import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiQuestionnaires } from "~/lib/api/api-data.server";
import { apiJson, requireApiStudy, requireApiToken } from "~/lib/api/api-auth.server";
import { dbOf } from "~/lib/platform/context.server";

/** GET /api/studies/:id/questionnaires: published versions and their definitions (read scope, editor: like the design page). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const token = await requireApiToken(db, request, "read");
  const { study } = await requireApiStudy(db, token, params.id, "editor");
  return apiJson(await apiQuestionnaires(db, study.id));
}
