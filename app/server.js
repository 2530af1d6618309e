// The production HTTP server: Remix behind express, and the respondent API answered directly
// (same `respondToApi` as the Remix route, without the routing and rendering layers on the
// busiest path). `npm run serve` starts it on the last build; PORT and HOST as usual.
import path from "node:path";
import { clearTimeout, setTimeout } from "node:timers";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const build = await import(pathToFileURL(path.join(root, "build/server/index.js")).href);
const { respondToApi, respondentBodyLimit, crossSiteReason, securityHeaders } = build.entry.module;

/** Writes a fetch Response to an express response. */
async function send(res, response) {
  res.status(response.status);
  response.headers.forEach((value, key) => res.setHeader(key, value));
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** Bounds of the lingering close after a 413: what is still read and discarded, and for how long. */
const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;
const DRAIN_MS = 10_000;

/**
 * 413 with a clear message. The connection is closed afterwards (the unread rest of the body must
 * not be taken for the next request), but only once the client has finished sending or a bound is
 * reached: closing a socket with unread data resets it, and the reset can destroy the answer
 * before the client reads it (a phone would see a network error instead of the message).
 */
function tooLarge(req, res) {
  const body = JSON.stringify({ ok: false, error: `request body requires at most ${respondentBodyLimit} bytes` });
  res.writeHead(413, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(body), Connection: "close" });
  res.write(body);
  let drained = 0;
  const finish = () => {
    clearTimeout(timer);
    if (!res.writableEnded) res.end();
  };
  const timer = setTimeout(() => {
    finish();
    req.destroy();
  }, DRAIN_MS);
  req.removeAllListeners("data");
  req.on("data", (chunk) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT_BYTES) {
      finish();
      req.destroy();
    }
  });
  req.on("end", finish);
  req.on("error", finish);
  req.resume();
}

const app = express();
app.disable("x-powered-by");

// The security headers on every response (API, static files, Remix). Remix's adapter *appends*
// its headers, so for these names a page's own value (its nonce CSP) replaces the default here
// instead of being sent twice.
const securityHeaderNames = new Set(Object.keys(securityHeaders).map((name) => name.toLowerCase()));
app.use((req, res, next) => {
  for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
  const append = res.append.bind(res);
  res.append = (field, value) => (securityHeaderNames.has(String(field).toLowerCase()) ? res.set(field, value) : append(field, value));
  next();
});

app.post("/s/:token/responses", (req, res) => {
  if (Number(req.headers["content-length"] ?? 0) > respondentBodyLimit) return tooLarge(req, res);
  const chunks = [];
  let size = 0;
  req.on("data", (chunk) => {
    size += chunk.length;
    if (size > respondentBodyLimit) {
      if (!res.headersSent) tooLarge(req, res);
      return;
    }
    chunks.push(chunk);
  });
  req.on("end", () => {
    if (res.headersSent) return;
    respondToApi(req.params.token, Buffer.concat(chunks).toString("utf8"), { ip: req.ip ?? "unknown", userAgent: req.get("user-agent") ?? "", cookie: req.get("cookie") ?? null })
      .then((response) => send(res, response))
      .catch((error) => fail(res, error));
  });
});

function fail(res, error) {
  console.error(error);
  if (!res.headersSent) res.status(500).json({ ok: false, error: "internal error" });
}

// Cross-site form posts end here with 403 (Remix's own Origin check would answer 500); the
// routes check again (Sec-Fetch-Site, CSRF token), so `remix vite:dev` is protected as well.
app.use((req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  const reason = crossSiteReason((name) => req.get(name));
  if (reason) return res.status(403).type("text/plain").send(reason);
  next();
});

app.use(compression());
app.use(build.publicPath, express.static(build.assetsBuildDirectory, { immutable: true, maxAge: "1y" }));
// `ip` feeds the sign-in throttle (app/load-context.ts). Behind a reverse proxy, set express's
// "trust proxy" so req.ip is the client's address and not the proxy's.
app.all(
  "*",
  createRequestHandler({ build, mode: process.env.NODE_ENV ?? "production", getLoadContext: (req) => ({ ip: req.ip ?? "unknown" }) }),
);

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST;
const onListen = () => console.log(`[valuemap] http://${host ?? "localhost"}:${port}`);
const server = host ? app.listen(port, host, onListen) : app.listen(port, onListen);

// Graceful shutdown: stop accepting, let in-flight requests finish, then close the database (on
// PostgreSQL the pool's idle connections would otherwise keep the process alive for their idle
// timeout, 30 s; SQLite would close at exit anyway). The process exits once nothing is left.
const { closeDatabase } = build.entry.module;
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.once(signal, () =>
    server.close((error) => {
      if (error) console.error(error);
      closeDatabase().catch((closeError) => console.error(closeError));
    }),
  );
}
