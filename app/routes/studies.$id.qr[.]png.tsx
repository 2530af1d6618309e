import type { LoaderFunctionArgs } from "@remix-run/node";
import { originOf, parseStage, qrPng, stageLink } from "~/lib/fieldwork/distribution.server";
import { requireUserId } from "~/lib/auth/session.server";
import { requireStudyRole } from "~/lib/design/study-access.server";
import { dbOf } from "~/lib/platform/context.server";

/** The QR code of a stage's public link as a PNG (`?stage=rating|focus-group`). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const db = await dbOf(context);
  const { study } = await requireStudyRole(db, await requireUserId(db, request), params.id, "editor");
  const stage = parseStage(new URL(request.url).searchParams.get("stage"));
  const png = await qrPng(stageLink(originOf(request), study, stage));
  return new Response(new Uint8Array(png), {
    headers: {
      "Content-Type": "image/png",
      "Content-Disposition": `attachment; filename="valuemap-${study.id}-${stage}.png"`,
      "Cache-Control": "private, no-store",
    },
  });
}
