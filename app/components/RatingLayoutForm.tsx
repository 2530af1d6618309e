import { getFormProps, getInputProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { RatingLayoutFormSchema } from "~/routes/studies.$id._index/design-schemas";
import { FieldError, FormFields, FormStatus, useIntentForm } from "./form-kit";
import { useT } from "./use-t";

const LAYOUTS = ["offer", "attribute"] as const;

/** The study's "Rating pages" choice: one offer per page, or one attribute with every known offer (issue 15). */
export function RatingLayoutForm({ layout }: { layout: "offer" | "attribute" }) {
  const { t } = useT();
  const [form, fields] = useIntentForm("ratingLayout", RatingLayoutFormSchema, { ratingLayout: layout });
  return (
    <Form method="post" {...getFormProps(form)} className="layout-form" preventScrollReset>
      <FormFields id="ratingLayout" intent="ratingLayout" />
      <fieldset className="layout-choices">
        {/* The section heading says it; the legend names the group for screen readers. */}
        <legend className="visually-hidden">{t("study.layout.legend")}</legend>
        {LAYOUTS.map((value) => {
          const hintId = `${fields.ratingLayout.id}-${value}-hint`;
          return (
            <label key={value} className="checkbox layout-choice">
              <input {...getInputProps(fields.ratingLayout, { type: "radio", value })} aria-describedby={hintId} data-testid={`layout-${value}`} />
              <span>
                {t(`study.layout.${value}`)}
                <span className="hint" id={hintId}>
                  {t(`study.layout.${value}.hint`)}
                </span>
              </span>
            </label>
          );
        })}
        <FieldError id={fields.ratingLayout.errorId} errors={fields.ratingLayout.errors} />
      </fieldset>
      <p className="button-line">
        <button type="submit" className="secondary">
          {t("study.save")}
        </button>
      </p>
      <FormStatus id="ratingLayout" />
    </Form>
  );
}
