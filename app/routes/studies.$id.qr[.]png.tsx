import type { LoaderFunctionArgs } from "@remix-run/node";
import { originOf, stageLink, stageOfQuery } from "~/lib/fieldwork/links.server";
import { qrPng } from "~/lib/fieldwork/qr.server";
import { stageParam } from "../../surveys/stage";
import { requireUserId } from "~/lib/auth/session.server";
import { requireStudyRole } from "~/lib/design/study-access.server";
import { dbOf } from "~/lib/platform/context.server";

/** The QR code of a stage's public link as a PNG (`?stage=rating|focus-group`). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const { study } = await requireStudyRole(db, await requireUserId(db, request), params.id, "editor");
  const stage = stageOfQuery(new URL(request.url).searchParams.get("stage"));
  const png = await qrPng(stageLink(originOf(request), study, stage));
  return new Response(new Uint8Array(png), {
    headers: {
      "Content-Type": "image/png",
      "Content-Disposition": `attachment; filename="valuemap-${study.id}-${stageParam(stage)}.png"`,
      "Cache-Control": "private, no-store",
    },
  });
}
