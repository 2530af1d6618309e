import { describe, expect, it } from "vitest";
import { startAppServer } from "../helpers/app-server";
import { problemsOf, runCrashTest, type CrashReport } from "./crash-harness";

/** CRASH_SEED=<n> replays another schedule of kills and respondents; CRASH_KILLS=<n> kills more often. */
const seed = Number(process.env.CRASH_SEED ?? 20261123);
const kills = Math.max(20, Number(process.env.CRASH_KILLS ?? 22));

function summary(name: string, report: CrashReport): string {
  const { ledger, verdict } = report;
  return (
    `${name}: seed ${seed}, ${report.kills} kills, ${report.requests} requests (${report.connectionErrors} cut or refused), ` +
    `${ledger.completions.size} completions and ${ledger.drafts.size} drafts acknowledged, ` +
    `${verdict.lostCompletions.length} completions lost, ${(report.durationMs / 1000).toFixed(1)} s`
  );
}

describe("crash test: SIGKILL under load", () => {
  it("keeps every acknowledged completion and draft through 20+ kills, and the file passes integrity_check", async () => {
    const report = await runCrashTest({ seed, kills, clients: 16, uptimeMs: [250, 1200] });
    console.log(summary("safe", report));
    expect(report.unexpectedAnswers).toEqual([]);
    expect(problemsOf(report.verdict)).toEqual([]);
    expect(report.verdict.integrity).toBe("ok");
    // The run must have exercised something: many acknowledgements, many cut requests.
    expect(report.ledger.completions.size).toBeGreaterThan(50);
    expect(report.ledger.drafts.size).toBeGreaterThan(50);
    expect(report.connectionErrors).toBeGreaterThan(0);
  }, 150_000);

  it("detects lost completions when the server acknowledges before committing (the test can fail)", async () => {
    const report = await runCrashTest({
      seed,
      kills: 6,
      clients: 16,
      uptimeMs: [600, 1200],
      // Test-only broken mode (app/lib/env.server.ts): answer "completed", commit 400 ms later.
      env: { VALUEMAP_UNSAFE_ACK_BEFORE_COMMIT: "1", VALUEMAP_ALLOW_UNSAFE_IN_PRODUCTION: "1" },
    });
    console.log(summary("broken mode", report));
    expect(report.verdict.lostCompletions.length).toBeGreaterThan(0);
    expect(problemsOf(report.verdict)).toContain(`lost completion ${report.verdict.lostCompletions[0]}`);
    expect(report.verdict.integrity).toBe("ok"); // the loss is of acknowledged data, not corruption
  }, 90_000);

  it("refuses to start the broken mode under NODE_ENV=production without the second flag", async () => {
    await expect(startAppServer({ VALUEMAP_UNSAFE_ACK_BEFORE_COMMIT: "1" })).rejects.toThrow(
      "VALUEMAP_UNSAFE_ACK_BEFORE_COMMIT: loses acknowledged responses on a crash (test only): under NODE_ENV=production it requires VALUEMAP_ALLOW_UNSAFE_IN_PRODUCTION=1",
    );
  });
});
