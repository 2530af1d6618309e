import { Transform } from "node:stream";
import type { EntryContext, HandleDataRequestFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "./components/nonce";
import { applyHeaders, createNonce, pageSecurityHeaders, securityHeaders } from "./lib/platform/security-headers.server";

const ABORT_DELAY = 5_000;

/**
 * React 18.3.1's stream writer sends its whole 2 KB buffer when a multi-byte character does not
 * fit its end, NUL bytes included (facebook/react#30453): Chinese pages got stray U+0000 in the
 * middle of words. A NUL byte is never part of another UTF-8 character, so dropping it restores
 * the page exactly.
 */
function withoutNulBytes(chunk: Buffer): Buffer {
  return chunk.includes(0) ? Buffer.from(chunk.filter((byte) => byte !== 0)) : chunk;
}

/** Headers every page carries: the security headers with a CSP bound to this page's nonce. */
function setPageHeaders(headers: Headers, nonce: string) {
  // A route may ask for a stricter referrer policy (the shared report: no-referrer).
  const noReferrer = headers.get("Referrer-Policy") === "no-referrer";
  headers.set("Content-Type", "text/html; charset=utf-8");
  applyHeaders(headers, pageSecurityHeaders(nonce));
  if (noReferrer) headers.set("Referrer-Policy", "no-referrer");
}

/** Loader/action data (single fetch) carries the security headers too. */
export const handleDataRequest: HandleDataRequestFunction = (response) => {
  applyHeaders(response.headers, securityHeaders);
  return response;
};

/**
 * Renders a page: streamed for browsers, whole for bots. Unlike Remix's default entry it clears
 * its abort timer once rendering ends, so a SIGTERM'd server exits at once instead of waiting
 * for the timer of the last page.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
) {
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  const nonce = createNonce();
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const timer = setTimeout(() => abort(), ABORT_DELAY);
    const ready = () => {
      shellRendered = true;
      const body = new Transform({
        transform: (chunk: Buffer, _encoding, done) => done(null, withoutNulBytes(chunk)),
        final: (done) => (clearTimeout(timer), done()),
      });
      setPageHeaders(responseHeaders, nonce);
      resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
      pipe(body);
    };
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        // React's own inline scripts of a streamed page (Suspense boundaries) carry the nonce too.
        nonce,
        ...(waitForAll ? { onAllReady: ready } : { onShellReady: ready }),
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
  });
}

// What the production server (app/server.js) takes from the build besides Remix's handler.
export { respondToApi, respondentBodyLimit } from "./lib/fieldwork/respondent-api.server";
export { answerBytes } from "./lib/fieldwork/json-answer.server";
export { appDb, closeDatabase } from "./lib/platform/db.server";
export { crossSiteReason } from "./lib/auth/csrf.server";
export { securityHeaders } from "./lib/platform/security-headers.server";
export { env } from "./lib/platform/env.server";
export { SESSION_COOKIE } from "./lib/auth/session.server";
export { startupAdminNotices } from "./lib/auth/admins.server";
export { startWebhookDelivery } from "./lib/webhooks/webhook-loop.server";
