import type { LoaderFunctionArgs } from "@remix-run/node";
import { dbOf } from "~/lib/platform/context.server";
import { checkHealth } from "~/lib/platform/db.server";
import { jsonError } from "~/lib/platform/http.server";

/** Health check for load balancers and the crash test: GET or HEAD, 200 `{ ok: true }` or 503. */
export async function loader({ context }: LoaderFunctionArgs) {
  const health = await checkHealth(await dbOf(context));
  if (!health.ok) return jsonError(503, health.error, undefined, { "Cache-Control": "no-store" });
  return Response.json(health, { headers: { "Cache-Control": "no-store" } });
}
