// The production HTTP server: Remix behind express, and the respondent API answered directly
// (same `respondToApi` as the Remix route, without the routing and rendering layers on the
// busiest path; it refuses cross-site requests and bodies other than JSON itself): POST
// /s/:token/responses is taken by a plain node:http listener in front of express, with the same
// headers express would send (test/app/respondent-api-headers.test.ts); express's own route for
// it stays behind, for the addresses that listener leaves to express. `npm run serve` starts it on
// the last build; PORT and HOST as usual.
//
// It always serves the production build in production mode: NODE_ENV defaults to production
// here (before React and the build load: React picks its build from it), whatever starts it.
process.env.NODE_ENV ??= "production";
import http from "node:http";
import path from "node:path";
import { clearTimeout, setTimeout } from "node:timers";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const build = await import(pathToFileURL(path.join(root, "build/server/index.js")).href);
// The database is opened once here (migrated, and seeded with the demo on an empty database) and
// handed to every request: the respondent API below, and Remix's routes through the load context.
const { appDb, respondToApi, respondentBodyLimit, answerBytes, crossSiteReason, securityHeaders, closeDatabase, env, SESSION_COOKIE } =
  build.entry.module;

/**
 * Writes a fetch Response to a node (or express) response: the kept bytes of the respondent API's
 * JSON answers (app/lib/fieldwork/json-answer.server.ts), else the body read from the Response.
 */
async function send(res, response) {
  res.statusCode = response.status;
  response.headers.forEach((value, key) => res.setHeader(key, value));
  res.end(answerBytes(response) ?? Buffer.from(await response.arrayBuffer()));
}

/**
 * Requests whose handler is still running, whether or not their client is still there: a
 * shutdown waits for them before it closes the database (a client that went away closes its
 * socket at once, so the server's own close does not wait for its handler).
 */
let running = 0;
let allDone = null;
function handling(promise) {
  running += 1;
  return promise.finally(() => {
    running -= 1;
    if (running === 0) allDone?.();
  });
}
/** Resolves when no handler is running, or after `ms` (then says how many were left). */
function handlersDone(ms) {
  if (running === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      console.error(`[valuemap] shutdown: ${running} request handler(s) still running after ${ms / 1000} s; closing the database anyway`);
      resolve();
    }, ms);
    allDone = () => {
      clearTimeout(timer);
      resolve();
    };
  });
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

// X-Forwarded-For/-Proto/-Host are believed only from proxies TRUST_PROXY names (off by default).
// Untrusted ones are removed before anything reads them: Remix's adapter builds the request URL
// from X-Forwarded-Host, and the origin check compares against it.
app.set("trust proxy", env.TRUST_PROXY);
const trusted = app.get("trust proxy fn");
function dropUntrustedForwarding(req) {
  if (!trusted(req.socket.remoteAddress ?? "", 0)) {
    for (const name of ["x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port"]) delete req.headers[name];
  }
}
app.use((req, _res, next) => {
  dropUntrustedForwarding(req);
  next();
});

// The security headers on every response (API, static files, Remix). Remix's adapter *appends*
// its headers, so for these names a page's own value (its nonce CSP) replaces the default here
// instead of being sent twice.
const securityHeaderNames = new Set(Object.keys(securityHeaders).map((name) => name.toLowerCase()));
// Over HTTPS the browser is told to keep to HTTPS (HSTS).
const replacedHeaderNames = new Set([...securityHeaderNames, "cache-control"]);
const sessionCookie = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=`);
const securityHeaderList = Object.entries(securityHeaders);
function setSecurityHeaders(req, res) {
  for (const [name, value] of securityHeaderList) res.setHeader(name, value);
  if (req.secure) res.setHeader("Strict-Transport-Security", "max-age=31536000");
}
app.use((req, res, next) => {
  setSecurityHeaders(req, res);
  const append = res.append.bind(res);
  res.append = (field, value) => (replacedHeaderNames.has(String(field).toLowerCase()) ? res.set(field, value) : append(field, value));
  next();
});

/**
 * The respondent API: the body read up to MAX_BODY_BYTES (413 beyond), then `respondToApi`. `req`
 * has express's request getters (ip and secure under TRUST_PROXY, get).
 */
function answerRespondent(req, res, token) {
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
    handling(respondToApi(appDb, token, Buffer.concat(chunks).toString("utf8"), {
      ip: req.ip ?? "unknown",
      header: (name) => req.get(name) ?? null,
      secure: req.secure,
    }).then((response) => send(res, response)))
      .catch((error) => fail(res, error));
  });
}

app.post("/s/:token/responses", (req, res) => answerRespondent(req, res, req.params.token));

function fail(res, error) {
  console.error(error);
  if (res.headersSent) return;
  const body = JSON.stringify({ ok: false, error: "internal error" });
  res.writeHead(500, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(body) });
  res.end(body);
}

/** `/s/<token>/responses` as express's route matches it (any case, an optional final slash, no query). */
const RESPONSES_PATH = /^\/s\/([^/]+?)\/responses\/?$/i;

/**
 * The listener in front of express: takes POST /s/:token/responses as the express route above
 * would (untrusted X-Forwarded-* dropped, the security headers, HSTS over HTTPS), without
 * express's router and middleware on the busiest path. Anything else, and an address it cannot
 * read (a token that is not valid percent-encoding: express answers 400), goes to express.
 */
function respondentListener(req, res) {
  if (req.method !== "POST") return false;
  const query = req.url.indexOf("?");
  const match = RESPONSES_PATH.exec(query === -1 ? req.url : req.url.slice(0, query));
  if (!match) return false;
  let token;
  try {
    token = decodeURIComponent(match[1]);
  } catch {
    return false;
  }
  // Express's request getters (req.ip, req.secure, req.get) with this app's trust proxy setting.
  Object.setPrototypeOf(req, app.request);
  dropUntrustedForwarding(req);
  setSecurityHeaders(req, res);
  answerRespondent(req, res, token);
  return true;
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
// Responses to a signed-in researcher (the session cookie) are never stored by a browser or proxy
// cache unless a route says otherwise (the hashed static files above keep their year-long caching).
app.use((req, res, next) => {
  if (sessionCookie.test(req.get("cookie") ?? "")) res.setHeader("Cache-Control", "no-store");
  next();
});
// `ip` feeds the sign-in throttle (app/load-context.ts): the client's address, or the one a
// trusted proxy forwarded (TRUST_PROXY). Remix runs in production mode whatever NODE_ENV says:
// this is the production build, and production mode never sends error details to the browser.
const remix = createRequestHandler({ build, mode: "production", getLoadContext: (req) => ({ ip: req.ip ?? "unknown", db: appDb }) });
app.all("*", (req, res, next) => handling(Promise.resolve(remix(req, res, next))).catch(next));

// The last handler: an error express met before or after Remix (a malformed address such as
// `/%`, an aborted body) gets a plain page with its status, never a stack trace or a path.
app.use((error, req, res, _next) => {
  const status = Number.isInteger(error?.status) && error.status >= 400 && error.status < 500 ? error.status : 500;
  if (status === 500) console.error(error);
  if (res.headersSent) return res.destroy();
  const text =
    status === 500
      ? "Something went wrong. 出错了。"
      : status === 413
        ? "The request is too large. 请求过大。"
        : "Bad request: the address or the request is malformed. 请求无效：地址或请求格式有误。";
  res.status(status).type("html").send(`<!doctype html><html lang="en"><meta charset="utf-8"><title>${status}</title><p>${text}</p></html>`);
});

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST;
// One line per fact the operator should know at start (administrators named by ADMIN_EMAILS, the
// demo account with its public password).
try {
  for (const line of await build.entry.module.startupAdminNotices(appDb)) console.log(line);
} catch (error) {
  console.error(`[valuemap] could not check the administrators at start: ${error instanceof Error ? error.message : String(error)}`);
}
const onListen = () => console.log(`[valuemap] http://${host ?? "localhost"}:${port}`);
const server = http.createServer((req, res) => {
  if (!respondentListener(req, res)) app(req, res);
});
if (host) server.listen(port, host, onListen);
else server.listen(port, onListen);
// Webhooks: the outbox is delivered from this process (bounded concurrency, retries with backoff).
const webhooks = build.entry.module.startWebhookDelivery(appDb);

// Graceful shutdown: stop accepting, let in-flight requests finish, then close the database.
// On PostgreSQL that ends the pool: its idle connections would otherwise keep the process alive
// until their idle timeout (30 s). On SQLite the close checkpoints the WAL into the main file.
const SHUTDOWN_WAIT_MS = 10_000;
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.once(signal, () =>
    server.close(async (error) => {
      if (error) console.error(error);
      // The delivery pass under way finishes and records its attempts before the database closes,
      // and so do the handlers of requests whose client went away (their sockets are closed).
      await webhooks?.stop().catch((stopError) => console.error(stopError));
      await handlersDone(SHUTDOWN_WAIT_MS);
      closeDatabase().catch((closeError) => console.error(closeError));
    }),
  );
}
