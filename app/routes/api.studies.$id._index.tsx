import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiStudy } from "~/lib/api/api-data.server";
import { apiJson, requireApiStudy, requireApiToken } from "~/lib/api/api-auth.server";
import { dbOf } from "~/lib/platform/context.server";

/** GET /api/studies/:id: the study's definition and counts (read scope, any role in the study). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const token = await requireApiToken(db, request, "read");
  const { study, role } = await requireApiStudy(db, token, params.id, "viewer");
  return apiJson(await apiStudy(db, study, role));
}
