import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Receiver {
  url: string;
  port: number;
  received: Received[];
  /** Status codes to answer in turn; the last one repeats. */
  answers: number[];
  close(): Promise<void>;
}

/** A webhook receiver on 127.0.0.1 (a real HTTP server) that records what it gets. */
export async function startReceiver(answers: number[] = [200], port = 0): Promise<Receiver> {
  const received: Received[] = [];
  const state = { answers };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      const status = state.answers.length > 1 ? state.answers.shift()! : (state.answers[0] ?? 200);
      res.writeHead(status, { "Content-Type": "text/plain" }).end(status < 300 ? "ok" : "not now");
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}/hook`,
    port: actual,
    received,
    get answers() {
      return state.answers;
    },
    set answers(value: number[]) {
      state.answers = value;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
