import type { LoaderFunctionArgs } from "@remix-run/node";
import { originOf, stageLink, stageOfQuery } from "~/lib/fieldwork/links.server";
import { qrSvg } from "~/lib/fieldwork/qr.server";
import { stageParam } from "../../surveys/stage";
import { requireUserId } from "~/lib/auth/session.server";
import { requireStudyRole } from "~/lib/design/study-access.server";
import { dbOf } from "~/lib/platform/context.server";

/** The QR code of a stage's public link as SVG (`?stage=rating|focus-group`). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const { study } = await requireStudyRole(db, await requireUserId(db, request), params.id, "editor");
  const stage = stageOfQuery(new URL(request.url).searchParams.get("stage"));
  const svg = await qrSvg(stageLink(originOf(request), study, stage));
  return new Response(svg, {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Content-Disposition": `attachment; filename="valuemap-${study.id}-${stageParam(stage)}.svg"`,
      "Cache-Control": "private, no-store",
    },
  });
}
