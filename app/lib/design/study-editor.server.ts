import { listProfileQuestionRows } from "../../../db/queries/profile-questions";
import { listQuotas } from "../../../db/queries/quotas";
import { countResponses } from "../../../db/queries/responses";
import { listAttributes, listOffers, type Study } from "../../../db/queries/studies";
import type { Db } from "../../../db/client";
import { fieldworkWindowState } from "../fieldwork/fieldwork-window";
import { frozenCodes } from "./design-codes.server";
import { publishingStatus } from "./publish.server";

/** Everything the design screen shows (codes marked frozen once a published version uses them). */
export async function loadStudyEditor(db: Db, study: Study, now = Date.now()) {
  const frozen = await frozenCodes(db, study.id);
  const publishing = await publishingStatus(db, study);
  const published = publishing.rating.version !== null || publishing.focusGroup.version !== null;
  return {
    study: {
      id: study.id,
      title: study.title,
      titleZh: study.titleZh,
      market: study.market,
      marketZh: study.marketZh,
      languages: study.languages.split(","),
      ratingLayout: study.ratingLayout,
      publicToken: study.publicToken,
    },
    offers: (await listOffers(db, study.id)).map((o) => ({ id: o.id, code: o.code, name: o.name, nameZh: o.nameZh, isOwn: o.isOwn, frozen: frozen.items.has(o.code) })),
    attributes: (await listAttributes(db, study.id)).map((a) => ({
      id: a.id,
      code: a.code,
      kind: a.kind,
      name: a.name,
      nameZh: a.nameZh,
      description: a.description,
      descriptionZh: a.descriptionZh,
      groupName: a.groupName,
      costGroup: a.costGroup,
      frozen: frozen.items.has(a.code),
    })),
    profileQuestions: (await listProfileQuestionRows(db, study.id)).map((q) => ({
      ...q,
      frozen: frozen.questions.has(q.code),
      frozenChoices: [...(frozen.questions.get(q.code) ?? [])],
    })),
    quotas: (await listQuotas(db, study.id)).map((q) => ({ questionCode: q.questionCode, value: q.value, target: q.target })),
    window: {
      opensAt: study.fieldworkOpensAt,
      closesAt: study.fieldworkClosesAt,
      // A study with nothing published answers "not open yet" whatever its window says.
      state: published ? fieldworkWindowState({ opensAt: study.fieldworkOpensAt, closesAt: study.fieldworkClosesAt }, now) : ("unpublished" as const),
      onePerDevice: study.onePerDevice,
      graceMinutes: study.fieldworkGraceMinutes,
    },
    publishing,
    counts: await countResponses(db, study.id),
  };
}
