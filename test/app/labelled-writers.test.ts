import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { dtaFile } from "../../app/lib/exports/formats/dta";
import { fitNames, type LabelledDataset } from "../../app/lib/exports/formats/labelled-dataset";
import { labelledWide, type WideRespondent } from "../../app/lib/exports/formats/labelled-wide";
import { savFile } from "../../app/lib/exports/formats/sav";
import { translate } from "../../app/i18n/messages.server";
import { hasProgram, readDtaWithHaven, readSavWithPspp } from "./labelled-read";

/** The labelled writers on small hand-made data: names, long names, long texts, edge values. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "valuemap-labelled-writers-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const L = (en: string, zh = en) => ({ en, "zh-CN": zh });
const respondent: WideRespondent = {
  id: 7, wave: 1, locale: "zh-CN", questionnaireVersion: 1, startedAt: Date.UTC(2026, 0, 1), completedAt: Date.UTC(2026, 0, 1, 0, 5),
  flags: [], review: null, profile: { size: "big", note: "紫菀很好" }, qualityShare: 60, weights: { q1: 100, p1: 100 },
  ratings: { aa: { q1: 8 } }, overall: { aa: 9 }, worth: {}, known: ["aa"], chose: "aa", considered: ["aa", "bb"],
};

describe("labelled wide data", () => {
  it("has the raw-wide CSV's variable names in its order (docs/export-format.md)", () => {
    const layout = { offers: ["aa", "bb"], own: "aa", attributes: [{ code: "q1", kind: "quality" as const }, { code: "p1", kind: "price" as const }], profile: ["size", "note"] };
    const csvHeader = [
      ...["respondent_id", "wave", "locale", "questionnaire_version", "started_at", "completed_at", "duration_s", "flags", "review"],
      ...["profile_size", "profile_note", "quality_share", "weight_q1", "weight_p1"],
      ...["rating_aa_q1", "rating_aa_p1", "rating_bb_q1", "rating_bb_p1", "overall_aa", "overall_bb", "worth_aa", "worth_bb"],
      ...["known_aa", "known_bb", "chose", "considered_aa", "considered_bb", "won_lost"],
    ];
    const dataset = labelledWide({
      study: { title: "T", titleZh: null }, layout, offers: [], attributes: [], createdAt: 0, versions: new Map(), respondents: [respondent], translate,
      profile: [
        { code: "size", kind: "choice", text: "Size", textZh: "规模", choices: [{ code: "small", label: "Small" }, { code: "big", label: "Big", labelZh: "大" }], isSegment: true },
        { code: "note", kind: "text", text: "Note", choices: [], isSegment: false },
      ],
    });
    expect(dataset.variables.map((v) => v.name)).toEqual(csvHeader);
    const row = new Map(dataset.variables.map((v, i) => [v.name, [...dataset.rows][0]![i]]));
    // Knows aa (rated q1 = 8, no p1: don't know 98; overall 9; worth none: 98); does not know bb: 99.
    expect([row.get("rating_aa_q1"), row.get("rating_aa_p1"), row.get("rating_bb_q1"), row.get("overall_aa"), row.get("worth_aa"), row.get("worth_bb")]).toEqual([8, 98, 99, 9, 98, 99]);
    // Choice "big" is the second choice; chose aa is the first offer; the text answer stays text.
    expect([row.get("profile_size"), row.get("chose"), row.get("profile_note")]).toEqual([2, 1, "紫菀很好"]);
    // Bought the own offer aa: won, the first group.
    expect(row.get("won_lost")).toBe(1);
  });

  it("marks an attribute the respondent's questionnaire version did not have as not asked", () => {
    const layout = { offers: ["aa"], own: null, attributes: [{ code: "q1", kind: "quality" as const }, { code: "p1", kind: "price" as const }], profile: [] };
    const dataset = labelledWide({
      study: { title: "T", titleZh: null }, layout, offers: [], attributes: [], createdAt: 0, profile: [], respondents: [{ ...respondent, ratings: {} }], translate,
      versions: new Map([[1, { offers: new Set(["aa"]), attributes: new Set(["q1"]) }]]),
    });
    const row = new Map(dataset.variables.map((v, i) => [v.name, [...dataset.rows][0]![i]]));
    expect([row.get("rating_aa_q1"), row.get("rating_aa_p1")]).toEqual([98, 99]);
  });
});

describe("names that fit a format", () => {
  it("keeps names that fit and cuts and numbers longer ones, unique ignoring case", () => {
    const long = `rating_${"a".repeat(20)}_${"b".repeat(20)}`; // 48 characters
    // 32 - "_1".length = 30 characters kept, then _1, _2.
    expect(fitNames(["wave", long, `${long}x`, "WAVE_2"], 32)).toEqual(["wave", `${long.slice(0, 30)}_1`, `${long.slice(0, 30)}_2`, "WAVE_2"]);
    expect(fitNames([long], 64)).toEqual([long]);
  });
});

describe("long names and texts read back", () => {
  const longName = `rating_${"o".repeat(40)}_${"a".repeat(40)}`; // 88 characters: too long for both formats
  const longText = "紫".repeat(120); // 360 bytes of UTF-8: more than SPSS's 255
  const dataset: LabelledDataset = {
    label: L("Study"), createdAt: Date.UTC(2026, 11, 5), count: 2,
    variables: [
      { name: longName, label: L("Long", "长"), type: "numeric", decimals: 0, measure: "ordinal", valueLabels: [], missing: [{ kind: "dontKnow", value: 98, label: L("Don't know") }, { kind: "notAsked", value: 99, label: L("Not asked") }] },
      { name: "note", label: L("Note"), type: "string", decimals: 0, measure: "nominal", valueLabels: [], missing: [] },
      { name: "share", label: L("Share"), type: "numeric", decimals: 2, measure: "scale", valueLabels: [], missing: [] },
    ],
    rows: [[5, longText, 33.25], [99, "", -1.5]],
  };

  it("SPSS: a name over 64 characters is cut, a text over 255 bytes is cut at a character, numbers exact (PSPP)", () => {
    const file = path.join(dir, "long.sav");
    fs.writeFileSync(file, savFile(dataset, "en"));
    const back = readSavWithPspp(dir, file);
    expect(back.names).toEqual([`${longName.slice(0, 62)}_1`, "note", "share"]);
    // 255 bytes hold 85 three-byte characters.
    expect(back.rows[0]!.get("note")).toBe("紫".repeat(85));
    expect(back.rows.map((r) => Number(r.get("share")))).toEqual([33.25, -1.5]);
    expect([...back.missing.get(`${longName.slice(0, 62)}_1`)!]).toEqual(["98", "99"]);
  });

  it("Stata: a name over 32 characters is cut, the whole text kept, 99 is .b (R haven)", () => {
    expect(hasProgram("Rscript"), "Rscript with haven is required").toBe(true);
    const file = path.join(dir, "long.dta");
    fs.writeFileSync(file, dtaFile(dataset, "zh-CN"));
    const back = readDtaWithHaven(dir, file);
    expect(back.names).toEqual([`${longName.slice(0, 30)}_1`, "note", "share"]);
    expect(back.labels.get(back.names[0]!)).toBe("长");
    expect(back.rows.map((r) => r.get(back.names[0]!))).toEqual(["5", ".b"]);
    expect(back.rows[0]!.get("note")).toBe(longText);
    expect(back.rows.map((r) => Number(r.get("share")))).toEqual([33.25, -1.5]);
  });
});
