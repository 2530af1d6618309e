/** The content types a browser's form sends. */
const FORM_TYPES = new Set(["application/x-www-form-urlencoded", "multipart/form-data"]);

const plain = (status: number, message: string) =>
  new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/**
 * The form of a form route's POST: 415 (thrown) for a body that is no form (JSON, text, none),
 * 400 for one that cannot be read, so no content type makes a form route answer 500.
 */
export async function readForm(request: Request): Promise<FormData> {
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (!FORM_TYPES.has(type)) {
    throw plain(415, "request requires a form (Content-Type application/x-www-form-urlencoded or multipart/form-data)");
  }
  try {
    return await request.formData();
  } catch {
    throw plain(400, "the form could not be read: reload the page and try again");
  }
}
