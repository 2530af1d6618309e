import { describe, expect, it } from "vitest";
import { PoolBusy, WorkPool } from "../../../app/lib/platform/work-pool.server";

/**
 * The bounded pool behind PNG rendering (issue 14, item 4), with jobs held open so the bound is
 * exact: one worker and two queue places take 3 of 30 jobs at once, the other 27 are refused at
 * once; a queued job that waits too long is refused; a finished job hands its place on.
 */
function held() {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  return { gate, release };
}

describe("WorkPool", () => {
  it("runs 1, queues 2 and refuses the other 27 of 30 at once; the queued ones run in turn", async () => {
    const pool = new WorkPool(1, 2, 60_000);
    const gates = Array.from({ length: 30 }, held);
    const order: number[] = [];
    const runs = gates.map((g, i) =>
      pool.run(async () => {
        order.push(i);
        await g.gate;
        return i;
      }),
    );
    const settled = runs.map((p) => p.then((v) => ({ ok: true as const, v }), (e: unknown) => ({ ok: false as const, e })));
    // The 27 refusals come before any job finishes.
    const refused = await Promise.all(settled.slice(3));
    expect(refused.every((r) => !r.ok && r.e instanceof PoolBusy && r.e.retryAfterSeconds === 60)).toBe(true);
    expect(order).toEqual([0]);
    gates[0]!.release();
    await runs[0];
    expect(order).toEqual([0, 1]);
    gates[1]!.release();
    gates[2]!.release();
    expect(await Promise.all(runs.slice(0, 3))).toEqual([0, 1, 2]);
    expect(order).toEqual([0, 1, 2]);
    // All places are free again.
    expect(await pool.run(async () => "again")).toBe("again");
  });

  it("refuses a queued job whose wait runs out, and keeps its place for the next", async () => {
    const pool = new WorkPool(1, 1, 30);
    const first = held();
    const running = pool.run(() => first.gate);
    await expect(pool.run(async () => "late")).rejects.toBeInstanceOf(PoolBusy);
    const next = pool.run(async () => "next");
    first.release();
    await running;
    expect(await next).toBe("next");
  });
});
