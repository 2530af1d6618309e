/**
 * The respondent API's busiest answers (start, draft, complete) as JSON whose bytes are kept
 * aside: `jsonAnswer` makes an ordinary Response (Remix, the tests and every other reader use it
 * as such) from the UTF-8 bytes of `text`, and `answerBytes` hands app/server.js's direct route
 * those bytes to write as they are, instead of reading the Response's body stream back
 * (issue 23: with the string scan of `new Response(text)` that round trip cost about a tenth of
 * a start's CPU; the questionnaire it carries is ~30 KB).
 */
const kept = new WeakMap<Response, Buffer>();

/** `Response.json`'s answer (same status, `Content-Type: application/json`) for JSON already made (text, or its UTF-8 bytes). */
export function jsonAnswer(json: string | Buffer, status = 200): Response {
  const bytes = typeof json === "string" ? Buffer.from(json, "utf8") : json;
  // A view of the same bytes (Buffer.from's are never shared memory), as fetch's types take it.
  const view = new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
  const response = new Response(view, { status, headers: { "Content-Type": "application/json" } });
  kept.set(response, bytes);
  return response;
}

/** The bytes of a `jsonAnswer`'s body, or null for any other Response (read its body instead). */
export function answerBytes(response: Response): Buffer | null {
  return kept.get(response) ?? null;
}
