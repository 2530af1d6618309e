import type { LoaderFunctionArgs } from "@remix-run/node";
import { apiStudies } from "~/lib/api/api-data.server";
import { apiJson, requireApiToken } from "~/lib/api/api-auth.server";
import { dbOf } from "~/lib/platform/context.server";

/** GET /api/studies: the studies the token's owner owns or is a member of (read scope). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const token = await requireApiToken(db, request, "read");
  return apiJson(await apiStudies(db, token.userId));
}
