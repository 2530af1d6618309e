import { describe, expect, it } from "vitest";
import { validateStudy } from "../../surveys/validate-study";
import type { StudyDefinition } from "../../surveys/study-definition";
import { study } from "./fixtures";

const codes = (s: StudyDefinition) => validateStudy(s).map((i) => i.code);

describe("validateStudy", () => {
  it("finds no issues in a valid study", () => {
    expect(validateStudy(study)).toEqual([]);
  });

  it("reports a study without an own offer", () => {
    expect(codes({ ...study, offers: study.offers.map((o) => ({ ...o, own: false })) })).toEqual(["study.issue.oneOwnOffer"]);
  });

  it("reports a study with two own offers", () => {
    const offers = study.offers.map((o) => ({ ...o, own: o.code !== "gamma" }));
    expect(codes({ ...study, offers })).toEqual(["study.issue.oneOwnOffer"]);
  });

  it("reports a study without a competitor", () => {
    expect(codes({ ...study, offers: study.offers.filter((o) => o.own) })).toEqual(["study.issue.competitorRequired"]);
  });

  it("reports a study without a quality attribute", () => {
    expect(codes({ ...study, attributes: study.attributes.filter((a) => a.kind !== "quality") })).toEqual([
      "study.issue.qualityAttributeRequired",
    ]);
  });

  it("reports a study without a price attribute", () => {
    expect(codes({ ...study, attributes: study.attributes.filter((a) => a.kind !== "price") })).toEqual([
      "study.issue.priceAttributeRequired",
    ]);
  });

  it("reports a duplicate offer code", () => {
    const [own, beta] = study.offers;
    expect(codes({ ...study, offers: [own!, beta!, { ...beta!, name: "Beta Two" }] })).toEqual(["study.issue.duplicateCode"]);
  });

  it("reports a duplicate attribute code", () => {
    const speed = study.attributes[0]!;
    expect(codes({ ...study, attributes: [...study.attributes, { ...speed, name: "Speed again" }] })).toEqual([
      "study.issue.duplicateCode",
    ]);
  });

  it("reports an empty title", () => {
    expect(codes({ ...study, title: "  " })).toEqual(["study.issue.titleRequired"]);
  });

  it("reports every issue of an empty study, each with its field", () => {
    expect(validateStudy({ ...study, offers: [], attributes: [] })).toEqual([
      { field: "offers", code: "study.issue.oneOwnOffer" },
      { field: "offers", code: "study.issue.competitorRequired" },
      { field: "attributes", code: "study.issue.qualityAttributeRequired" },
      { field: "attributes", code: "study.issue.priceAttributeRequired" },
    ]);
  });
});
