import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeFieldworkNow, saveFieldworkWindow } from "../../../app/lib/design/fieldwork-window.server";
import { instantOfWallTime, wallTimeOf } from "../../../app/lib/design/zoned-time";
import { fieldworkWindowState } from "../../../app/lib/fieldwork/fieldwork-window";
import { designDb, designSnapshot, errorsOf } from "./design-fixture";

let temp: Awaited<ReturnType<typeof designDb>>;
beforeAll(async () => {
  temp = await designDb();
});
afterAll(() => temp.cleanup());

describe("fieldworkWindowState (the one rule)", () => {
  const window = { opensAt: 1000, closesAt: 2000 };
  it("is scheduled before the opening, open from it, closed from the closing instant on", () => {
    expect([999, 1000, 1999, 2000].map((now) => fieldworkWindowState(window, now))).toEqual(["scheduled", "open", "open", "closed"]);
  });
  it("treats a missing end as open-ended", () => {
    expect(fieldworkWindowState({ opensAt: null, closesAt: null }, 5)).toBe("open");
    expect(fieldworkWindowState({ opensAt: null, closesAt: 5 }, 5)).toBe("closed");
  });
});

describe("wall times in a time zone", () => {
  it("reads 09:00 in Shanghai (UTC+8, no daylight saving) as 01:00 UTC, and back", () => {
    const ms = instantOfWallTime("2027-03-01T09:00", "Asia/Shanghai");
    expect(ms).toBe(Date.UTC(2027, 2, 1, 1, 0));
    expect(wallTimeOf(ms!, "Asia/Shanghai")).toBe("2027-03-01T09:00");
    expect(wallTimeOf(ms!, "UTC")).toBe("2027-03-01T01:00");
  });
  it("follows daylight saving: 09:00 in Berlin is 08:00 UTC in winter and 07:00 UTC in summer", () => {
    expect(instantOfWallTime("2027-01-15T09:00", "Europe/Berlin")).toBe(Date.UTC(2027, 0, 15, 8));
    expect(instantOfWallTime("2027-07-15T09:00", "Europe/Berlin")).toBe(Date.UTC(2027, 6, 15, 7));
  });
  it("refuses a date that does not exist and a time the clocks skip (Berlin, 28 March 2027, 02:30)", () => {
    expect(instantOfWallTime("2027-02-30T09:00", "UTC")).toBeNull();
    expect(instantOfWallTime("2027-03-28T02:30", "Europe/Berlin")).toBeNull();
  });
});

describe("saveFieldworkWindow", () => {
  it("stores the window as UTC instants read in the researcher's time zone", async () => {
    const result = await saveFieldworkWindow(temp.db, await temp.study(), temp.userId, { opensAt: "2099-03-01T09:00", closesAt: "2099-03-31T18:00", timeZone: "Asia/Shanghai", onePerDevice: true });
    expect(result.ok).toBe(true);
    const study = await temp.study();
    expect([study.fieldworkOpensAt, study.fieldworkClosesAt, study.onePerDevice]).toEqual([Date.UTC(2099, 2, 1, 1), Date.UTC(2099, 2, 31, 10), true]);
  });

  it("refuses a closing before the opening, a date that does not exist and an unknown zone; nothing changes", async () => {
    const study = await temp.study();
    const before = await designSnapshot(temp);
    expect(errorsOf(await saveFieldworkWindow(temp.db, study, temp.userId, { opensAt: "2099-03-02T09:00", closesAt: "2099-03-01T09:00", timeZone: "UTC", onePerDevice: false }))).toEqual({
      closesAt: ["fieldwork.error.closesBeforeOpens"],
    });
    expect(errorsOf(await saveFieldworkWindow(temp.db, study, temp.userId, { opensAt: "2099-02-30T09:00", timeZone: "UTC", onePerDevice: false }))).toEqual({ opensAt: ["fieldwork.error.dateInvalid"] });
    expect(errorsOf(await saveFieldworkWindow(temp.db, study, temp.userId, { timeZone: "Mars/Olympus", onePerDevice: false }))).toEqual({ timeZone: ["study.error.timeZone"] });
    expect(await designSnapshot(temp)).toBe(before);
  });

  it("stores the grace period for responses started before the close (issue 14), and refuses one outside 0..10080 minutes", async () => {
    const study = await temp.study();
    expect((await saveFieldworkWindow(temp.db, study, temp.userId, { timeZone: "UTC", onePerDevice: true, graceMinutes: 90 })).ok).toBe(true);
    expect((await temp.study()).fieldworkGraceMinutes).toBe(90);
    const before = await designSnapshot(temp);
    expect(errorsOf(await saveFieldworkWindow(temp.db, await temp.study(), temp.userId, { timeZone: "UTC", onePerDevice: true, graceMinutes: 10_081 }))).toEqual({
      graceMinutes: ["fieldwork.error.graceMinutes"],
    });
    expect(await designSnapshot(temp)).toBe(before);
    // Omitted: unchanged.
    expect((await saveFieldworkWindow(temp.db, await temp.study(), temp.userId, { timeZone: "UTC", onePerDevice: true })).ok).toBe(true);
    expect((await temp.study()).fieldworkGraceMinutes).toBe(90);
  });

  it("closes now, keeping the device rule", async () => {
    const before = Date.now();
    await closeFieldworkNow(temp.db, await temp.study(), temp.userId);
    const study = await temp.study();
    expect(study.fieldworkClosesAt).toBeGreaterThanOrEqual(before);
    expect(fieldworkWindowState({ opensAt: study.fieldworkOpensAt, closesAt: study.fieldworkClosesAt }, Date.now())).toBe("closed");
    expect(study.onePerDevice).toBe(true);
  });
});
