import { useEffect, useState } from "react";
import { Model } from "survey-core";
import { Survey } from "survey-react-ui";
import "survey-core/survey-core.fontless.min.css";
import "survey-core/i18n/simplified-chinese";
import type { Locale } from "~/i18n";

const surveyLocale = (locale: Locale) => (locale === "zh-CN" ? "zh-cn" : "");

/**
 * A questionnaire run in the browser only, as respondents see it, and sent nowhere: no response
 * is started, no draft saved, nothing counted. `onComplete` tells the page the preview ended.
 */
export default function SurveyPreview({ survey, locale, onComplete }: { survey: unknown; locale: Locale; onComplete: () => void }) {
  const [model] = useState(() => {
    const m = new Model(survey);
    m.locale = surveyLocale(locale);
    return m;
  });
  useEffect(() => {
    model.locale = surveyLocale(locale);
  }, [model, locale]);
  useEffect(() => {
    const done = () => onComplete();
    model.onComplete.add(done);
    return () => model.onComplete.remove(done);
  }, [model, onComplete]);
  return <Survey model={model} />;
}
