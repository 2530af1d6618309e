/**
 * The bare SurveyJS page the respondent benches compare with: index.html + main.js rendering a
 * questionnaire JSON with React, survey-core, survey-react-ui, the fontless SurveyJS CSS and its
 * Simplified Chinese strings, built by Vite with the app's target, served with the same caching
 * as the app's hashed assets (a year, immutable) and gzipped like the app's responses.
 */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import { build } from "vite";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bareDir = path.join(root, ".cache/bench-bare-page");

/** Builds the bare page: index.html + main.js rendering `survey.json` with SurveyJS and React only. */
export async function buildBarePage(surveyJson: unknown): Promise<string> {
  fs.rmSync(bareDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(bareDir, "public"), { recursive: true });
  fs.writeFileSync(path.join(bareDir, "public/survey.json"), JSON.stringify(surveyJson));
  fs.writeFileSync(
    path.join(bareDir, "index.html"),
    `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>bare</title></head><body><div id="root"></div><script type="module" src="/main.js"></script></body></html>`,
  );
  fs.writeFileSync(
    path.join(bareDir, "main.js"),
    `import { createElement } from "react";
import { createRoot } from "react-dom/client";
import { Model } from "survey-core";
import { Survey } from "survey-react-ui";
import "survey-core/survey-core.fontless.min.css";
import "survey-core/i18n/simplified-chinese";
const json = await (await fetch("/survey.json")).json();
createRoot(document.getElementById("root")).render(createElement(Survey, { model: new Model(json) }));
`,
  );
  await build({
    root: bareDir,
    configFile: false,
    logLevel: "warn",
    build: { outDir: path.join(bareDir, "dist"), target: "es2022", emptyOutDir: true },
  });
  return path.join(bareDir, "dist");
}

/** A static file server for the bare page (gzip when asked; bench:respondent-page gzips every decoded body itself). */
export function serveStatic(dir: string): Promise<{ url: string; close: () => void }> {
  const types: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json" };
  const server = http.createServer((req, res) => {
    const file = path.join(dir, decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname).replace(/\/$/, "/index.html"));
    if (!file.startsWith(dir) || !fs.existsSync(file)) return res.writeHead(404).end();
    const immutable = req.url?.startsWith("/assets/") ? { "Cache-Control": "public, max-age=31536000, immutable" } : {};
    // Compressed like the app's responses (compression middleware), so transfer times compare.
    const gzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    const body = fs.readFileSync(file);
    res.writeHead(200, { "Content-Type": types[path.extname(file)] ?? "application/octet-stream", ...immutable, ...(gzip ? { "Content-Encoding": "gzip" } : {}) });
    res.end(gzip ? zlib.gzipSync(body, { level: 6 }) : body);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${port}`, close: () => server.close() });
    }),
  );
}

