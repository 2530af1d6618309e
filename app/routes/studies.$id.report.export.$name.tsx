import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportResponse } from "~/lib/exports/export-response.server";
import { getLocale } from "~/lib/platform/locale.server";
import { requireUserId } from "~/lib/auth/session.server";
import { requireStudyRole } from "~/lib/design/studies.server";

/** Downloads of the report (charts, tables, raw data) for every member of the study; audited. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const userId = await requireUserId(request);
  const { study } = await requireStudyRole(userId, params.id, "viewer");
  return exportResponse({ study, actor: { userId }, locale: await getLocale(request), name: params.name, url: new URL(request.url) });
}
