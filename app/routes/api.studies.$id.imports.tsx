import type { ActionFunctionArgs } from "@remix-run/node";
import { isLocale } from "~/i18n";
import { translate } from "~/i18n/messages.server";
import { apiError, apiJson, requireApiStudy, requireApiToken } from "~/lib/api/api-auth.server";
import { IMPORT_MAX_BYTES, importResponses } from "~/lib/imports/import-responses.server";
import { dbOf } from "~/lib/platform/context.server";
import { readBodyBytes } from "~/lib/platform/read-body-bytes.server";

/**
 * POST /api/studies/:id/imports: a CSV or XLSX file as the body (write scope, editor or owner).
 * 200 with the count, or 422 with every problem by line (messages in `lang=en|zh-CN`) and nothing imported.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return apiError(405, "this endpoint requires POST", { Allow: "POST" });
  const db = await dbOf(context);
  const token = await requireApiToken(db, request, "write");
  const { study } = await requireApiStudy(db, token, params.id, "editor");
  const bytes = await readBodyBytes(request, IMPORT_MAX_BYTES);
  if (bytes === null) return apiError(413, `the file requires at most ${IMPORT_MAX_BYTES} bytes`);
  const lang = new URL(request.url).searchParams.get("lang");
  const locale = isLocale(lang) ? lang : "en";
  const result = await importResponses(db, study, token.userId, bytes);
  if (result.ok) return apiJson(result);
  const problems = result.problems.map((p) => ({ line: p.line, message: translate(locale, p.key, p.params) }));
  return apiJson({ ok: false, error: translate(locale, "import.rejected", { n: result.total }), problems }, 422);
}

export function loader() {
  return apiError(405, "this endpoint requires POST", { Allow: "POST" });
}
