import { describe, expect, it } from "vitest";
import { deviceFor, readDeviceId } from "../../app/lib/fieldwork/device-cookie.server";

describe("device cookie", () => {
  it("reads vm_device among other cookies", () => {
    expect(readDeviceId("vm_session=abc; vm_device=AbCdEfGhIjKlMnOp_-12; lang=zh-CN")).toBe("AbCdEfGhIjKlMnOp_-12");
  });

  it("ignores a missing, short, over-long or odd value", () => {
    for (const header of [null, "", "vm_session=abc", "vm_device=short", `vm_device=${"a".repeat(65)}`, "vm_device=abc<script>defghijklmnop"]) {
      expect(readDeviceId(header)).toBeNull();
    }
  });

  it("keeps a well-formed id and sets no cookie; makes a new random id and its cookie otherwise", () => {
    expect(deviceFor("vm_device=AbCdEfGhIjKlMnOp_-12", false)).toEqual({ id: "AbCdEfGhIjKlMnOp_-12", setCookie: null });
    const a = deviceFor(null, false);
    const b = deviceFor("vm_device=bad", false);
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(a.id).not.toBe(b.id);
    expect(a.setCookie).toBe(`vm_device=${a.id}; Path=/s/; Max-Age=31536000; HttpOnly; SameSite=Lax`);
    expect(readDeviceId(a.setCookie!.split(";")[0])).toBe(a.id);
  });

  it("is marked Secure when the request came over HTTPS", () => {
    expect(deviceFor(null, true).setCookie).toMatch(/^vm_device=[A-Za-z0-9_-]{24}; Path=\/s\/; Max-Age=31536000; HttpOnly; SameSite=Lax; Secure$/);
  });
});
