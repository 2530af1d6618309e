import type { LoaderFunctionArgs } from "@remix-run/node";
import { originOf, parseStage, qrPng, stageLink } from "~/lib/fieldwork/distribution.server";
import { requireUserId } from "~/lib/auth/session.server";
import { requireStudyRole } from "~/lib/design/studies.server";

/** The QR code of a stage's public link as a PNG (`?stage=rating|focus-group`). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { study } = await requireStudyRole(await requireUserId(request), params.id, "editor");
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
