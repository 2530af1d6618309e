import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadStudySteps } from "../../../app/lib/design/study-steps.server";
import { demoDb } from "../demo-db";

let temp: Awaited<ReturnType<typeof demoDb>>;
beforeAll(async () => {
  temp = await demoDb();
});
afterAll(() => temp.cleanup());

const reportStep = async (closesAt: number | null, now: number) =>
  (await loadStudySteps(temp.db, { ...temp.study, fieldworkOpensAt: null, fieldworkClosesAt: closesAt }, now)).find((s) => s.id === "report")!;

describe("the guided path's Report step once responses are in", () => {
  const now = Date.UTC(2026, 11, 6, 12);

  it("is interim while the fieldwork is open: readable already, not final", async () => {
    const step = await reportStep(null, now);
    expect(step.state).toBe("interim");
    expect(step.status).toEqual({ key: "studyNav.step.status.report", params: { n: 58 } });
    expect(step.next?.href).toBe(`/studies/${temp.study.id}/report`);
  });

  it("is the next thing to do once the fieldwork has closed", async () => {
    const step = await reportStep(now - 60_000, now);
    expect(step.state).toBe("now");
    expect(step.status.params).toEqual({ n: 58 });
  });
});
