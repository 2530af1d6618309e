import type { LoaderFunctionArgs } from "@remix-run/node";
import { translate } from "~/i18n/messages.server";
import { exportResponse } from "~/lib/exports/export-response.server";
import { getLocale } from "~/lib/platform/locale.server";
import { SHARED_PAGE_HEADERS, shareOfToken } from "~/lib/sharing/share.server";
import { dbOf } from "~/lib/platform/context.server";

/**
 * Chart and table downloads of a shared report, for whoever has the link (no raw data: that
 * stays with the study's members). Recorded in the audit log under the link. Unknown or revoked
 * links: 404, as for the page.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const locale = await getLocale(request);
  const share = await shareOfToken(db, params.token);
  const response = share
    ? await exportResponse(db, { study: share.study, actor: { shareLinkId: share.linkId }, locale, name: params.name, url: new URL(request.url) })
    : new Response(translate(locale, "exports.notFound"), { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  for (const [name, value] of Object.entries(SHARED_PAGE_HEADERS)) response.headers.set(name, value);
  return response;
}
