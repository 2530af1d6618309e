import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { resolveDestination, type AllowList } from "./ssrf-guard.server";
import { SIGNATURE_HEADER, signWebhook } from "./signature.server";

export interface SendResult {
  delivered: boolean;
  statusCode: number | null;
  /** Why it was not delivered, in a few words (never the receiver's body). */
  error: string | null;
}

/** Longest wait for a receiver's answer. */
const TIMEOUT_MS = 10_000;

/**
 * POSTs one signed webhook body to its endpoint: the URL is checked again now (its name may
 * resolve elsewhere than when it was saved) and the connection goes to the address that was
 * checked. A 2xx answer is a delivery; anything else, a timeout or a refused address is not.
 * Redirects are not followed.
 */
export async function sendWebhook(args: {
  url: string;
  secret: string;
  body: string;
  event: string;
  deliveryId: number;
  allow: AllowList;
  now: number;
  timeoutMs?: number;
}): Promise<SendResult> {
  const destination = await resolveDestination(args.url, args.allow);
  if (!destination.ok) return { delivered: false, statusCode: null, error: `address refused (${destination.reason})` };
  const { url, address, family } = destination;
  const pinned: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: Array<{ address: string; family: number }>) => void)(null, [{ address, family }]);
    else callback(null, address, family);
  };
  const client = url.protocol === "https:" ? https : http;
  return new Promise<SendResult>((resolve) => {
    const request = client.request(
      url,
      {
        method: "POST",
        lookup: pinned,
        timeout: args.timeoutMs ?? TIMEOUT_MS,
        headers: {
          "Content-Type": "application/json; charset=utf-8",
          "Content-Length": Buffer.byteLength(args.body),
          "User-Agent": "Valuemap-Webhooks/1",
          "X-Valuemap-Event": args.event,
          "X-Valuemap-Delivery": String(args.deliveryId),
          [SIGNATURE_HEADER]: signWebhook(args.secret, args.body, Math.floor(args.now / 1000)),
        },
      },
      (response) => {
        response.resume();
        const code = response.statusCode ?? 0;
        const delivered = code >= 200 && code < 300;
        response.on("end", () => resolve({ delivered, statusCode: code, error: delivered ? null : `HTTP ${code}` }));
        response.on("error", () => resolve({ delivered: false, statusCode: code, error: "connection lost" }));
      },
    );
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", (error: NodeJS.ErrnoException) => {
      resolve({ delivered: false, statusCode: null, error: error.message === "timeout" ? "timeout" : (error.code ?? "connection failed") });
    });
    request.end(args.body);
  });
}
