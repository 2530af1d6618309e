import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "../../../app/lib/api/openapi.server";

/**
 * The OpenAPI document, checked by structure (no OpenAPI validator is installed here: see
 * docs/api.md): the 3.1 fields every document requires, unique operation ids, path parameters
 * declared, every $ref resolving, a response for every operation, and exactly the API's routes.
 */
const doc = openApiDocument as unknown as Record<string, unknown> & {
  paths: Record<string, Record<string, { operationId?: string; parameters?: Array<{ name: string; in: string; required?: boolean }>; responses?: Record<string, unknown> }>>;
};
const METHODS = ["get", "post", "put", "patch", "delete"];

function refs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refs(n, out));
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") out.push(value);
      else refs(value, out);
    }
  }
  return out;
}

function resolve(pointer: string): unknown {
  expect(pointer.startsWith("#/")).toBe(true);
  return pointer
    .slice(2)
    .split("/")
    .reduce<unknown>((node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined), doc);
}

describe("/api/openapi.json", () => {
  it("has the fields OpenAPI 3.1 requires", () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    const info = doc.info as { title?: unknown; version?: unknown };
    expect(typeof info.title).toBe("string");
    expect(typeof info.version).toBe("string");
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it("gives every operation a unique id and a response, and declares its path parameters", () => {
    const ids: string[] = [];
    for (const [p, item] of Object.entries(doc.paths)) {
      expect(p.startsWith("/")).toBe(true);
      const placeholders = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const [method, op] of Object.entries(item)) {
        expect(METHODS).toContain(method);
        ids.push(op.operationId!);
        expect(Object.keys(op.responses ?? {}).length).toBeGreaterThan(0);
        for (const code of Object.keys(op.responses!)) expect(code).toMatch(/^[1-5]\d\d$/);
        const declared = (op.parameters ?? []).filter((x) => x.in === "path");
        expect(declared.map((x) => x.name).sort()).toEqual([...placeholders].sort());
        for (const x of declared) expect(x.required).toBe(true);
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("resolves every $ref", () => {
    const all = refs(doc);
    expect(all.length).toBeGreaterThan(10);
    for (const r of all) expect(resolve(r), r).toBeDefined();
  });

  it("describes exactly the API's routes", () => {
    const routes = fs
      .readdirSync(path.resolve(import.meta.dirname, "../../../app/routes"))
      .filter((f) => f.startsWith("api.") && f !== "api.$.tsx")
      .map((f) =>
        `/${f.replace(/\.tsx$/, "").replace(/\._index$/, "")}`
          .replace(/\[\.\]/g, "~")
          .split(".")
          .map((part) => (part.startsWith("$") ? `{${part.slice(1)}}` : part))
          .join("/")
          .replace(/~/g, "."),
      );
    expect(Object.keys(doc.paths).sort()).toEqual(routes.sort());
  });
});
