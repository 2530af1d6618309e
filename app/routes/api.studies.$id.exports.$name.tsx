import type { LoaderFunctionArgs } from "@remix-run/node";
import { isLocale } from "~/i18n";
import { API_HEADERS, apiError, requireApiStudy, requireApiToken } from "~/lib/api/api-auth.server";
import { exportResponse } from "~/lib/exports/export-response.server";
import { dbOf } from "~/lib/platform/context.server";

/**
 * GET /api/studies/:id/exports/:name: any download of the report (docs/export-format.md), with
 * the report's filters; labels and table headers in `labels=en|zh-CN` (default en). Audited as the
 * token's owner. Read scope, any role in the study (like the report's downloads).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const token = await requireApiToken(db, request, "read");
  const { study } = await requireApiStudy(db, token, params.id, "viewer");
  const url = new URL(request.url);
  const labels = url.searchParams.get("labels");
  const response = await exportResponse(db, { study, actor: { userId: token.userId }, locale: isLocale(labels) ? labels : "en", name: params.name, url });
  if (response.status === 404) return apiError(404, `no such export: ${params.name ?? ""}`);
  for (const [name, value] of Object.entries(API_HEADERS)) response.headers.set(name, value);
  return response;
}
