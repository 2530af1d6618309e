/**
 * The HTTP front both bare baselines of bench/submit.ts share (bench/bare-server.ts on SQLite,
 * bench/bare-server-postgres.ts on PostgreSQL): node:http, POST /s/demo/responses only, the
 * page's `start` answered without a write, a `complete` stored by the engine's `complete`.
 */
import http from "node:http";

export type Answers = Record<string, unknown>;
export const num = (v: unknown) => (typeof v === "number" ? v : null);

function reply(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

/**
 * Listens on 127.0.0.1:`port`; `complete` stores one completion (false when the id was already
 * stored). On SIGTERM the server closes, then `close` runs.
 */
export function serveBare(options: { name: string; port: number; complete: (clientId: string, answers: Answers) => boolean | Promise<boolean>; close: () => void }): void {
  const server = http.createServer((req, res) => {
    if (req.url === "/healthz") return reply(res, 200, { ok: true });
    if (req.method !== "POST" || req.url !== "/s/demo/responses") return reply(res, 404, { ok: false, error: "not found" });
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      let body: { intent?: unknown; responseId?: unknown; answers?: unknown };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as typeof body;
      } catch {
        return reply(res, 400, { ok: false, error: "request body requires valid JSON" });
      }
      // The page's start before each completion: the baseline answers it without a write (the real
      // server stores a draft: the bench's ratio counts that extra work against the real server).
      if (body.intent === "start" && typeof body.responseId === "string") return reply(res, 200, { ok: true, responseId: body.responseId, status: "draft" });
      if (body.intent !== "complete" || typeof body.responseId !== "string" || typeof body.answers !== "object" || body.answers === null) {
        return reply(res, 400, { ok: false, error: "request is malformed" });
      }
      Promise.resolve()
        .then(() => options.complete(body.responseId as string, body.answers as Answers))
        .then(
          (stored) => reply(res, 200, { ok: true, outcome: stored ? "completed" : "already-finished", status: "complete" }),
          (error: unknown) => {
            console.error(error);
            reply(res, 500, { ok: false, error: "internal error" });
          },
        );
    });
  });
  server.listen(options.port, "127.0.0.1", () => console.log(`[${options.name}] http://127.0.0.1:${options.port}`));
  process.once("SIGTERM", () => server.close(options.close));
}
