import { json } from "@remix-run/node";

/** A JSON error response with a clear message (never a stack trace). */
export function jsonError(status: number, message: string, details?: string[], headers?: HeadersInit) {
  return json({ ok: false as const, error: message, ...(details ? { details } : {}) }, { status, headers });
}

/** 413, closing the connection: the unread rest of the body must not be taken for the next request. */
export function tooLarge(limit: number) {
  return jsonError(413, `request body requires at most ${limit} bytes`, undefined, { Connection: "close" });
}

/**
 * Reads a request body of at most `limit` bytes as text. Throws a 413 response when larger (by
 * Content-Length or while streaming).
 */
export async function readBodyText(request: Request, limit: number): Promise<string> {
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > limit) throw tooLarge(limit);
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        throw tooLarge(limit);
      }
      chunks.push(value);
    }
  }
  return Buffer.concat(chunks).toString("utf8");
}
