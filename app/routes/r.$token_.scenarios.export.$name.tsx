import type { LoaderFunctionArgs } from "@remix-run/node";
import { translate } from "~/i18n/messages.server";
import { scenarioExportResponse } from "~/lib/exports/scenario-exports.server";
import { dbOf } from "~/lib/platform/context.server";
import { getLocale } from "~/lib/platform/locale.server";
import { SHARED_PAGE_HEADERS, shareOfToken } from "~/lib/sharing/share.server";

/** Downloads of the shared scenario page, for whoever has the link; audited under the link. Unknown or revoked links: 404. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const locale = await getLocale(request);
  const share = await shareOfToken(db, params.token);
  const response = share
    ? await scenarioExportResponse(db, { study: share.study, actor: { shareLinkId: share.linkId }, locale, name: params.name, url: new URL(request.url) })
    : new Response(translate(locale, "exports.notFound"), { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  for (const [name, value] of Object.entries(SHARED_PAGE_HEADERS)) response.headers.set(name, value);
  return response;
}
