import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, startAppServer, type AppServer } from "../helpers/app-server";

/**
 * The report's PDF download over HTTP on the built server: printed by the server's Chromium for a
 * member and for a share link's reader (Letter on request), its text holding the tables; the print
 * page refuses tokens it did not sign; without Chromium (CHROMIUM_PATH pointing nowhere) a 503
 * with a message in the reader's language.
 */
let server: AppServer;
let researcher: Client;

beforeAll(async () => {
  server = await startAppServer();
  researcher = new Client(server.url);
  expect((await researcher.form("/signin", { email: "demo@valuemap.example", password: "valuemap-demo-2026" })).status).toBe(302);
});
afterAll(async () => {
  await server?.stop();
});

function pdfText(pdf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "valuemap-pdf-")), "report.pdf");
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync("pdftotext", ["-raw", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}
const mediaBox = (pdf: Buffer) => /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString("latin1"))?.slice(1).map(Number);

describe("PDF download", () => {
  it("prints the report on A4 for a member, with the page's headings, tables and the filters in words", async () => {
    const res = await researcher.request("/studies/1/report/export/report.pdf?line=parity");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/pdf");
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    // A4 in points: 595.28 x 841.89 (210 x 297 mm at 72 / 25.4); Chromium writes 8.27 x 11.7 in (595.4 x 842.4) rounded up.
    const [w, h] = mediaBox(pdf)!;
    expect(Math.abs(w! - 595.28)).toBeLessThan(1.5);
    expect(Math.abs(h! - 841.89)).toBeLessThan(1.5);
    const text = pdfText(pdf);
    for (const words of ["In short", "Customer value map", "Market-perceived quality profile", "Weight × ratio", "Distance to fair-value line", "Aster", "Birch", "Cedar"]) {
      expect(text).toContain(words);
    }
    expect(text).toContain("Fair-value line: Parity (slope 1)");
  });

  it("prints on Letter when asked, and for a share link's reader", async () => {
    const created = await researcher.form("/studies/1/share", { intent: "create" });
    const link = /\/r\/([A-Za-z0-9_-]{43})/.exec(await created.text())?.[1];
    expect(link).toBeDefined();
    const res = await fetch(`${server.url}/r/${link}/export/report.pdf?paper=letter`);
    expect(res.status).toBe(200);
    const pdf = Buffer.from(await res.arrayBuffer());
    // Letter: 612 x 792 points.
    expect(mediaBox(pdf)?.map(Math.round)).toEqual([612, 792]);
    expect(pdfText(pdf)).toContain("Customer value map");
  });

  it("the print page opens only with a token this server signed, and not after a minute", async () => {
    for (const token of ["1.en.9999999999999.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "1.en.1.x", "nope"]) {
      const res = await fetch(`${server.url}/report-print/${token}`);
      expect(res.status, token).toBe(404);
      expect(await res.text()).not.toContain("Customer value map");
    }
  });

  it("without Chromium: 503 with a message in the reader's language, and the browser's Print named instead", async () => {
    const bare = await startAppServer({ CHROMIUM_PATH: "/nonexistent/chromium" });
    try {
      const en = new Client(bare.url);
      await en.form("/signin", { email: "demo@valuemap.example", password: "valuemap-demo-2026" });
      const res = await en.request("/studies/1/report/export/report.pdf");
      expect(res.status).toBe(503);
      expect(await res.text()).toBe("The PDF download needs Chromium on the server, and none is installed. Use your browser's Print instead (it gives the same pages).");
      await en.form("/lang", { locale: "zh-CN", next: "/studies" });
      const zh = await en.request("/studies/1/report/export/report.pdf");
      expect(zh.status).toBe(503);
      expect(await zh.text()).toBe("PDF 下载需要服务器上安装 Chromium，目前没有安装。请改用浏览器的“打印”（页面相同）。");
    } finally {
      await bare.stop();
    }
  });
});
