import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiAnalysis } from "~/lib/api/api-data.server";
import { apiJson, requireApiStudy, requireApiToken } from "~/lib/api/api-auth.server";
import { dbOf } from "~/lib/platform/context.server";

/** GET /api/studies/:id/analysis?<report filters>: the analysis in docs/analysis-format.md's output format (read scope, any role: like the report). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const token = await requireApiToken(db, request, "read");
  const { study } = await requireApiStudy(db, token, params.id, "viewer");
  return apiJson(await apiAnalysis(db, study, new URL(request.url).searchParams));
}
