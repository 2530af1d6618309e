import { json } from "@remix-run/node";
import { env } from "./env.server";
import { readBodyBytes } from "./read-body-bytes.server";

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
  const bytes = await readBodyBytes(request, limit);
  if (bytes === null) throw tooLarge(limit);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
}

/**
 * Whether the request came over HTTPS: its URL's scheme, which app/server.js takes from the
 * connection, or from X-Forwarded-Proto when TRUST_PROXY trusts the proxy that sent it.
 */
export function cameOverHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:";
}

/**
 * The origin absolute links and QR codes are made from: BASE_URL when the operator set it, else
 * the one the researcher's browser used (never taken from a Host header when BASE_URL is set).
 */
export function publicOrigin(request: Request): string {
  return env.BASE_URL ?? new URL(request.url).origin;
}
