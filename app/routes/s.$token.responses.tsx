import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { cameOverHttps, jsonError, readBodyText } from "~/lib/platform/http.server";
import { pageProofFor, respondentBodyLimit, respondToApi } from "~/lib/fieldwork/respondent-api.server";
import { loadRespondentPage } from "~/lib/fieldwork/respondent-page.server";
import type { ProofAnswer } from "~/lib/fieldwork/respondent-contract";
import { dbOf } from "~/lib/platform/context.server";

/**
 * A fresh page proof for this browser (the page fetches it when the proof `GET /s/:token` gave it
 * has expired), with the device cookie when it had none. A page on another site cannot read it.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  if (!(await loadRespondentPage(db, params.token ?? "", "rating"))) return jsonError(404, "unknown questionnaire link");
  const { proof, setCookie } = pageProofFor(params.token ?? "", request.headers.get("Cookie"), cameOverHttps(request));
  const headers = new Headers({ "Cache-Control": "no-store" });
  if (setCookie) headers.append("Set-Cookie", setCookie);
  return Response.json({ ok: true, proof } satisfies ProofAnswer, { headers });
}

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
      header: (name) => request.headers.get(name),
      secure: cameOverHttps(request),
    });
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}
