import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportResponse } from "~/lib/exports/export-response.server";
import { getLocale } from "~/lib/platform/locale.server";
import { requireUserId } from "~/lib/auth/session.server";
import { requireStudyRole } from "~/lib/design/study-access.server";
import { dbOf } from "~/lib/platform/context.server";

/** Downloads of the report (charts, tables, raw data) for every member of the study; audited. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const userId = await requireUserId(db, request);
  const { study } = await requireStudyRole(db, userId, params.id, "viewer");
  return exportResponse(db, { study, actor: { userId }, locale: await getLocale(request), name: params.name, url: new URL(request.url) });
}
