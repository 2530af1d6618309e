import crypto from "node:crypto";

/**
 * Headers on every response (JSON API, data requests, resource routes, static files). The CSP
 * here forbids everything: none of those responses is meant to run or load anything.
 */
export const securityHeaders: Readonly<Record<string, string>> = {
  "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
  "X-Frame-Options": "DENY",
};

/** A fresh nonce for one page's inline scripts. */
export function createNonce(): string {
  return crypto.randomBytes(16).toString("base64");
}

/**
 * The CSP of an HTML page: scripts only from this origin or carrying the page's nonce (Remix's
 * inline scripts); inline styles allowed (SurveyJS sets them); no framing, no plugins, forms
 * post only here. Under `remix vite:dev` Vite's client needs inline modules and a websocket, so
 * pages served by Vite's dev server get no CSP (the other headers stay). That exception is decided
 * by how the code was built (`import.meta.env.DEV`, replaced by Vite at build time: false in every
 * build), never by NODE_ENV: a built server run without NODE_ENV once sent every page with the
 * deny-all policy above.
 */
export function pageSecurityHeaders(nonce: string): Record<string, string> {
  if (import.meta.env.DEV && import.meta.env.SSR && !process.env.VITEST) {
    const { "Content-Security-Policy": _csp, ...rest } = securityHeaders;
    return rest;
  }
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return { ...securityHeaders, "Content-Security-Policy": csp };
}

/** Sets `headers` on a response's Headers (replacing any earlier value). */
export function applyHeaders(target: Headers, headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) target.set(name, value);
}
