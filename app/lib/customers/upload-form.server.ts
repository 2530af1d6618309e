import { unstable_parseMultipartFormData, type UploadHandlerPart } from "@remix-run/node";
import type { ResearcherSession } from "../auth/session.server";
import { sameToken } from "../auth/csrf.server";
import { receiveTransactionUpload, type ReceiveUploadResult } from "./transaction-upload.server";

const forbidden = () =>
  new Response("request requires the form's security token: reload the page and try again", { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/** Reads a small text part (the CSRF token, the intent) whole, refusing more than `max` bytes. */
async function smallText(data: AsyncIterable<Uint8Array>, max = 256): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of data) {
    size += chunk.length;
    if (size > max) throw new Response("form field too long", { status: 400 });
    parts.push(Buffer.from(chunk));
  }
  return Buffer.concat(parts).toString("utf8");
}

/**
 * The upload form of the customers page, read as it streams in (multipart/form-data): the CSRF
 * field must come before the file (the form puts it first), so a request without the session's
 * token is refused (403) before a byte of the file is read; the file part (`file`) goes straight
 * through `receiveTransactionUpload`, never whole in memory. The caller has checked the session
 * and the researcher's role on the study.
 */
export async function receiveUploadForm(
  request: Request,
  session: ResearcherSession,
  studyId: number,
): Promise<ReceiveUploadResult | { ok: false; reason: "no-file"; line: null }> {
  let csrfOk = false;
  let result: ReceiveUploadResult | null = null;
  await unstable_parseMultipartFormData(request, async (part: UploadHandlerPart) => {
    if (part.name === "csrf") {
      csrfOk = sameToken(await smallText(part.data), session.csrfToken);
      return "";
    }
    if (part.name === "file" && part.filename) {
      if (!csrfOk) throw forbidden();
      if (result) throw new Response("one file per upload", { status: 400 });
      result = await receiveTransactionUpload({ studyId, userId: session.userId, fileName: part.filename, data: part.data });
      return "";
    }
    // Other fields (the intent) are small; an empty file input sends a part without a name.
    await smallText(part.data, part.name === "file" ? 0 : 256);
    return "";
  });
  if (!csrfOk) throw forbidden();
  return result ?? { ok: false, reason: "no-file", line: null };
}
