import { beforeAll, describe, expect, it } from "vitest";

/*
 * The respondent page proof (issue 14) after issue 23 keeps the proofs whose HMAC matched, so a
 * page's `complete` is not hashed again after its `start`: a kept proof must still be refused for
 * any other link or device, and still expire. Times are fixed: issued at t0, the default
 * RESPONDENT_PROOF_TTL_SECONDS is 6 h = 21,600,000 ms.
 */
type ProofModule = typeof import("../../../app/lib/fieldwork/page-proof.server");
let proofs: ProofModule;
beforeAll(async () => {
  // The proof key comes from SESSION_SECRET (no secret file written by the test).
  process.env.SESSION_SECRET ??= "page-proof-test-secret-0123456789";
  proofs = await import("../../../app/lib/fieldwork/page-proof.server");
});

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const HOUR = 3_600_000;
const DEVICE = "device-proof-00000001";

describe("checkPageProof with matched proofs kept", () => {
  it("accepts the same proof again, and still refuses it for another link or device", () => {
    const proof = proofs.issuePageProof("demo", DEVICE, T0);
    expect(proofs.checkPageProof(proof, "demo", DEVICE, T0 + 1000)).toBe("ok");
    expect(proofs.checkPageProof(proof, "demo", DEVICE, T0 + 2000)).toBe("ok");
    expect(proofs.checkPageProof(proof, "other", DEVICE, T0 + 3000)).toBe("invalid");
    expect(proofs.checkPageProof(proof, "demo", "device-proof-00000002", T0 + 3000)).toBe("invalid");
  });

  it("lets a kept proof expire: fresh at 5 h 59 min, expired at 6 h 1 min", () => {
    const proof = proofs.issuePageProof("demo", DEVICE, T0);
    expect(proofs.checkPageProof(proof, "demo", DEVICE, T0 + 5 * HOUR + 59 * 60_000)).toBe("ok");
    expect(proofs.checkPageProof(proof, "demo", DEVICE, T0 + 6 * HOUR + 60_000)).toBe("expired");
  });

  it("refuses a proof whose HMAC was changed after the genuine one was kept", () => {
    const proof = proofs.issuePageProof("demo", DEVICE, T0);
    expect(proofs.checkPageProof(proof, "demo", DEVICE, T0)).toBe("ok");
    const [issuedAt, mac] = proof.split(".") as [string, string];
    const tampered = `${issuedAt}.${mac[0] === "A" ? "B" : "A"}${mac.slice(1)}`;
    expect(proofs.checkPageProof(tampered, "demo", DEVICE, T0)).toBe("invalid");
    // Another issue time with the genuine HMAC of t0 is not the kept proof either.
    expect(proofs.checkPageProof(`${(T0 + 1).toString(36)}.${mac}`, "demo", DEVICE, T0)).toBe("invalid");
  });
});
