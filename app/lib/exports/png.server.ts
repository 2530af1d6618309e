import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { env } from "../platform/env.server";
import { WorkPool } from "../platform/work-pool.server";

export { PoolBusy as PngBusy } from "../platform/work-pool.server";

/**
 * Chart PNGs are drawn through one pool per process: PNG_WORKERS at once, PNG_QUEUE waiting up to
 * PNG_QUEUE_WAIT_SECONDS; beyond it the download answers 503 with Retry-After (export-response).
 * Each rendering spawns a process, so without the bound 30 parallel downloads through a share
 * link (no account needed) starve the server.
 */
const pngPool = new WorkPool(env.PNG_WORKERS, env.PNG_QUEUE, env.PNG_QUEUE_WAIT_SECONDS * 1000);

/** Runs `job` (loading the report and drawing its PNG) on a place of the PNG pool; rejects with PngBusy when full. */
export function withPngWorker<T>(job: () => Promise<T>): Promise<T> {
  return pngPool.run(job);
}

/**
 * The committed fonts (assets/fonts, made by scripts/subset-fonts.sh): DejaVu Sans for Latin text
 * and a Noto Sans CJK SC subset for Chinese. resvg silently drops text whose font it cannot find,
 * so they are loaded explicitly and the system's fonts are not (the PNG is the same everywhere).
 */
export function exportFontFiles(root = process.env.VALUEMAP_FONTS_DIR ?? path.resolve(process.cwd(), "assets/fonts")): string[] {
  const files = ["ValuemapSans-Regular.ttf", "ValuemapSans-Bold.ttf", "ValuemapCJK-Regular.otf"].map((f) => path.join(root, f));
  for (const file of files) if (!fs.existsSync(file)) throw new Error(`Missing font ${file}: run scripts/subset-fonts.sh`);
  return files;
}

/** The renderer run as a child process (a plain script next to app/server.js). */
const RENDERER = path.resolve(process.cwd(), "app/png-render.js");
const RENDER_TIMEOUT_MS = 20_000;

/**
 * Renders an SVG document to PNG at `scale` times its size (2 by default), with the committed
 * fonts, in a child process (app/png-render.js): resvg is native code, and a panic in it aborts
 * the process it runs in, so it never runs in the server's. Rejects with a plain message when
 * the child fails or takes longer than 20 s.
 */
export function svgToPng(svg: string, options: { scale?: number; fontFiles?: string[] } = {}): Promise<Uint8Array> {
  const input = JSON.stringify({ svg, scale: options.scale ?? 2, fontFiles: options.fontFiles ?? exportFontFiles() });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RENDERER], { stdio: ["pipe", "pipe", "pipe"], timeout: RENDER_TIMEOUT_MS });
    const out: Buffer[] = [];
    let err = "";
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (code === 0) resolve(new Uint8Array(Buffer.concat(out)));
      else reject(new Error(`the PNG renderer failed (${signal ?? `exit ${code}`}): ${err.split("\n")[0] || "no message"}`));
    });
    child.stdin.end(input);
  });
}
