import type { ActionFunctionArgs } from "@remix-run/node";
import { cameOverHttps, jsonError, readBodyText } from "~/lib/platform/http.server";
import { respondentBodyLimit, respondToApi } from "~/lib/fieldwork/respondent-api.server";
import { dbOf } from "~/lib/platform/context.server";

export const loader = () => jsonError(405, "use POST");

/**
 * Respondent API: start/resume, save a draft, complete. JSON in, JSON out, clear errors. In
 * production app/server.js answers this path before Remix with the same `respondToApi`.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const db = await dbOf(context);
  if (request.method !== "POST") return jsonError(405, "use POST");
  try {
    return await respondToApi(db, params.token ?? "", await readBodyText(request, respondentBodyLimit), {
      ip: context.ip ?? "unknown",
      userAgent: request.headers.get("User-Agent") ?? "",
      cookie: request.headers.get("Cookie"),
      secure: cameOverHttps(request),
    });
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}
