import type { ActionFunctionArgs } from "@remix-run/node";
import { env } from "~/lib/env.server";
import { jsonError, readJsonBody } from "~/lib/http.server";
import { handleRespondentRequest, RespondentRequestSchema } from "~/lib/respondent.server";

export const loader = () => jsonError(405, "use POST");

/** Respondent API: start/resume, save a draft, complete. JSON in, JSON out, clear errors. */
export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return jsonError(405, "use POST");
  try {
    const body = await readJsonBody(request, env.MAX_BODY_BYTES);
    const parsed = RespondentRequestSchema.safeParse(body);
    if (!parsed.success) {
      return jsonError(400, "request is malformed", parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`));
    }
    return handleRespondentRequest(params.token ?? "", parsed.data);
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}
