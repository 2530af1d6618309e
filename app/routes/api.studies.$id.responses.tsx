import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiResponses } from "~/lib/api/api-data.server";
import { apiError, apiJson, requireApiStudy, requireApiToken } from "~/lib/api/api-auth.server";
import { dbOf } from "~/lib/platform/context.server";

/** GET /api/studies/:id/responses?since=&limit=: finished responses in commit order (read scope, any role: like the responses page). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const token = await requireApiToken(db, request, "read");
  const { study } = await requireApiStudy(db, token, params.id, "viewer");
  const page = await apiResponses(db, study.id, new URL(request.url).searchParams);
  return page.ok ? apiJson(page.body) : apiError(400, page.error);
}
