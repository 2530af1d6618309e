import jsQR from "jsqr";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Client, PHONE_USER_AGENT, startAppServer, type AppServer } from "../helpers/app-server";
import { openRespondentPage, postAsPage } from "../helpers/respondent-browser";
import { makeStudy, signUp } from "./fieldwork-helpers";

/**
 * The built server's HTTP behaviour a deployment depends on: pages with the nonce policy and no
 * stack traces; Secure cookies and HSTS exactly when the request came over HTTPS; X-Forwarded-*
 * believed only from a proxy TRUST_PROXY names; no-store for signed-in pages; links from BASE_URL.
 */
let plain: AppServer;
let proxied: AppServer;
const BASE_URL = "https://survey.example.com";

beforeAll(async () => {
  [plain, proxied] = await Promise.all([
    startAppServer({ RESPONDENT_RATE_LIMIT: "2" }),
    // The test's requests come from 127.0.0.1: a proxy on the loopback is trusted here.
    startAppServer({ RESPONDENT_RATE_LIMIT: "2", TRUST_PROXY: "loopback", BASE_URL }),
  ]);
});
afterAll(async () => {
  await Promise.all([plain?.stop(), proxied?.stop()]);
});

const signInCookie = async (server: AppServer, headers: Record<string, string> = {}) => {
  const res = await new Client(server.url).form("/signin", { email: "demo@valuemap.example", password: "valuemap-demo-2026" }, headers);
  expect(res.status).toBe(302);
  return res.headers.getSetCookie().find((c) => c.startsWith("vm_session="))!;
};

describe("pages and errors", () => {
  it("sends /, /signin and /s/demo with the nonce policy, never the deny-all one", async () => {
    for (const path of ["/", "/signin", "/s/demo"]) {
      const csp = (await fetch(plain.url + path)).headers.get("Content-Security-Policy") ?? "";
      expect(csp, path).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
      expect(csp, path).not.toContain("default-src 'none'");
    }
  });

  it("answers a malformed address with a plain 400 page: no stack trace, no path", async () => {
    for (const path of ["/%", "/assets/%E0%A4%A"]) {
      const res = await fetch(plain.url + path);
      expect(res.status, path).toBe(400);
      expect(res.headers.get("Content-Type")).toContain("text/html");
      const body = await res.text();
      expect(body).toContain("Bad request");
      expect(body).not.toMatch(/URIError|at \w|node_modules|\/work\/|\/home\/|\.js:\d+/);
    }
  });
});

describe("HTTPS, proxies and cookies", () => {
  it("ignores X-Forwarded-Proto from an untrusted client: no Secure cookie, no HSTS", async () => {
    const cookie = await signInCookie(plain, { "X-Forwarded-Proto": "https" });
    expect(cookie).not.toMatch(/;\s*Secure/i);
    const page = await fetch(`${plain.url}/signin`, { headers: { "X-Forwarded-Proto": "https" } });
    expect(page.headers.get("Strict-Transport-Security")).toBeNull();
  });

  it("behind a trusted proxy that says HTTPS: Secure session and device cookies, and HSTS", async () => {
    const https = { "X-Forwarded-Proto": "https" };
    expect(await signInCookie(proxied, https)).toMatch(/;\s*Secure/i);
    const page = await fetch(`${proxied.url}/s/demo`, { headers: { ...https, "User-Agent": PHONE_USER_AGENT } });
    expect(page.headers.get("Strict-Transport-Security")).toBe("max-age=31536000");
    expect(page.headers.getSetCookie().find((c) => c.startsWith("vm_device="))).toMatch(/;\s*Secure$/);
    // The page's own requests work behind it (the page set the device cookie, Secure).
    const respondent = await openRespondentPage(proxied.url, "demo", { headers: https });
    const api = await postAsPage(proxied.url, "demo", respondent, { intent: "start", responseId: "proxied-https-0001" }, https);
    expect(api.status).toBe(200);
    // The same trusted proxy over plain HTTP: nothing Secure.
    expect(await signInCookie(proxied)).not.toMatch(/;\s*Secure/i);
    expect((await fetch(`${proxied.url}/signin`)).headers.get("Strict-Transport-Security")).toBeNull();
  });

  it("counts respondents by the forwarded address only behind a trusted proxy", async () => {
    const from = async (server: AppServer, address: string, id: string) => {
      const headers = { "X-Forwarded-For": address };
      return postAsPage(server.url, "demo", await openRespondentPage(server.url, "demo", { headers }), { intent: "start", responseId: id }, headers);
    };
    // Untrusted: three "different" addresses are one client (127.0.0.1), limited to 2 requests.
    const untrusted = [await from(plain, "203.0.113.1", "xff-plain-0001"), await from(plain, "203.0.113.2", "xff-plain-0002"), await from(plain, "203.0.113.3", "xff-plain-0003")];
    expect(untrusted.map((r) => r.status)).toEqual([200, 200, 429]);
    // Trusted: three clients, each within its limit.
    const trusted = [await from(proxied, "203.0.113.1", "xff-proxy-0001"), await from(proxied, "203.0.113.2", "xff-proxy-0002"), await from(proxied, "203.0.113.3", "xff-proxy-0003")];
    expect(trusted.map((r) => r.status)).toEqual([200, 200, 200]);
  });

  it("does not take an untrusted X-Forwarded-Host for this site's host in the origin check", async () => {
    const res = await new Client(plain.url).form(
      "/signin",
      { email: "demo@valuemap.example", password: "valuemap-demo-2026" },
      { Origin: "http://evil.example", "X-Forwarded-Host": "evil.example" },
    );
    expect(res.status).toBe(403);
  });
});

describe("caching of signed-in pages", () => {
  it("marks every response to a signed-in researcher no-store, and leaves public pages and assets alone", async () => {
    const cookie = (await signInCookie(plain)).split(";")[0]!;
    for (const path of ["/studies", "/studies/1/report", "/studies/1/report/export/value-map.csv", "/studies/1/report.data"]) {
      const res = await fetch(plain.url + path, { headers: { Cookie: cookie } });
      expect(res.status, path).toBe(200);
      expect(res.headers.get("Cache-Control"), path).toContain("no-store");
    }
    expect((await fetch(`${plain.url}/signin`)).headers.get("Cache-Control") ?? "").not.toContain("no-store");
    const html = await (await fetch(`${plain.url}/signin`)).text();
    const asset = /<link rel="stylesheet" href="([^"]+)"/.exec(html)![1]!;
    expect((await fetch(plain.url + asset, { headers: { Cookie: cookie } })).headers.get("Cache-Control")).toContain("immutable");
  });
});

describe("BASE_URL", () => {
  it("makes the design page's link, the distribution links and the QR code from BASE_URL, not from the request", async () => {
    const owner = await signUp(proxied, "base-url@example.com");
    const study = await makeStudy(owner);
    expect((await owner.form(study.path, { intent: "publish" })).status).toBe(200);
    const design = await (await owner.request(study.path)).text();
    expect(design).toMatch(new RegExp(`${BASE_URL}/s/[A-Za-z0-9_-]+`));
    expect(design).not.toContain(`${proxied.url}/s/`);
    const distribution = await (await owner.request(`${study.path}/distribution`)).text();
    expect(distribution).toContain(`${BASE_URL}/s/`);
    expect(distribution).not.toContain(proxied.url);
    const png = PNG.sync.read(Buffer.from(await (await owner.request(`${study.path}/qr.png?stage=rating`)).arrayBuffer()));
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toMatch(new RegExp(`^${BASE_URL}/s/[A-Za-z0-9_-]+$`));
    // The start request of a respondent is unaffected by the setting.
    const respondent = await openRespondentPage(proxied.url, "demo");
    expect((await postAsPage(proxied.url, "demo", respondent, { intent: "start", responseId: "base-url-start-01" })).status).toBe(200);
  });
});
