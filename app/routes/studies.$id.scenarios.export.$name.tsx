import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUserId } from "~/lib/auth/session.server";
import { requireStudyRole } from "~/lib/design/study-access.server";
import { scenarioExportResponse } from "~/lib/exports/scenario-exports.server";
import { dbOf } from "~/lib/platform/context.server";
import { getLocale } from "~/lib/platform/locale.server";

/** Downloads of the scenario page (maps, value leads share, comparison tables) for every member of the study. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const userId = await requireUserId(db, request);
  const { study } = await requireStudyRole(db, userId, params.id, "viewer");
  return scenarioExportResponse(db, { study, actor: { userId }, locale: await getLocale(request), name: params.name, url: new URL(request.url) });
}
