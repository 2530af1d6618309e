import { getFormProps, getInputProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useEffect, useState } from "react";
import { wallTimeOf } from "~/lib/design/zoned-time";
import { WindowSchema } from "~/routes/studies.$id._index/design-schemas";
import { FieldError, FormFields, FormStatus, Hint, useIntentForm } from "./form-kit";
import { InlineForm } from "./InlineForm";
import { useT } from "./use-t";

export interface FieldworkWindow {
  /** Epoch ms, null = open-ended. */
  opensAt: number | null;
  closesAt: number | null;
  /** `unpublished`: nothing is published, every link answers "not open yet". */
  state: "open" | "scheduled" | "closed" | "unpublished";
  onePerDevice: boolean;
  /** Minutes after the close during which responses already started may still finish. */
  graceMinutes: number;
}

/** The researcher's time zone (the browser's); UTC until the page runs in the browser. */
function useTimeZone(): string {
  const [zone, setZone] = useState("UTC");
  useEffect(() => {
    const browser = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (browser) setZone(browser);
  }, []);
  return zone;
}

function WindowFields({ window: w, zone }: { window: FieldworkWindow; zone: string }) {
  const { t } = useT();
  const [form, fields] = useIntentForm("window", WindowSchema, {
    opensAt: w.opensAt === null ? "" : wallTimeOf(w.opensAt, zone),
    closesAt: w.closesAt === null ? "" : wallTimeOf(w.closesAt, zone),
    timeZone: zone,
    onePerDevice: w.onePerDevice,
    graceMinutes: w.graceMinutes,
  });
  const utc = (ms: number | null) => (ms === null ? null : <span className="hint">{t("study.window.utc", { time: wallTimeOf(ms, "UTC").replace("T", " ") })}</span>);
  return (
    <Form method="post" {...getFormProps(form)} className="row-form" preventScrollReset>
      <FormFields id="window" intent="fieldworkSettings" />
      <input type="hidden" name="timeZone" value={zone} />
      <label>
        {t("fieldwork.window.opensAt")}
        <input {...getInputProps(fields.opensAt, { type: "datetime-local" })} />
        {utc(w.opensAt)}
        <FieldError id={fields.opensAt.errorId} errors={fields.opensAt.errors} />
      </label>
      <label>
        {t("fieldwork.window.closesAt")}
        <input {...getInputProps(fields.closesAt, { type: "datetime-local" })} />
        {utc(w.closesAt)}
        <FieldError id={fields.closesAt.errorId} errors={fields.closesAt.errors} />
      </label>
      <label>
        {t("fieldwork.window.graceMinutes")}
        <input {...getInputProps(fields.graceMinutes, { type: "number" })} min={0} max={10080} step={1} />
        <FieldError id={fields.graceMinutes.errorId} errors={fields.graceMinutes.errors} />
      </label>
      <label className="checkbox">
        <input {...getInputProps(fields.onePerDevice, { type: "checkbox" })} /> {t("fieldwork.window.onePerDevice")}
      </label>
      <span>
        <button type="submit" className="secondary">
          {t("study.save")}
        </button>
      </span>
      <Hint>{t("study.hint.window", { zone })}</Hint>
      <FieldError id={fields.timeZone.errorId} errors={fields.timeZone.errors} />
      <FormStatus id="window" />
    </Form>
  );
}

/** Opening and closing times in the researcher's time zone (UTC beside), the state, and open/close now. */
export function FieldworkWindowForm({ window: w }: { window: FieldworkWindow }) {
  const { t } = useT();
  const zone = useTimeZone();
  const stateText = w.state === "unpublished" ? t("study.window.unpublished") : t(`fieldwork.window.state.${w.state}`);
  return (
    <>
      <p data-testid="fieldwork-state">
        <span className={`state state-${w.state}`}>{stateText}</span>
      </p>
      <WindowFields window={w} zone={zone} key={`${zone}-${w.opensAt}-${w.closesAt}-${w.onePerDevice}-${w.graceMinutes}`} />
      <div className="button-line">
        {w.state === "open" ? (
          <InlineForm
            intent="closeFieldwork"
            label={t("fieldwork.window.closeNow")}
            buttonClassName="danger"
           
            confirm={{ message: t("study.confirm.closeFieldwork"), button: t("study.confirm.yesClose") }}
          />
        ) : (
          <InlineForm intent="openFieldwork" label={t("fieldwork.window.openNow")} />
        )}
      </div>
      <FormStatus id="window-now" />
      <p className="muted small">{t("fieldwork.window.help")}</p>
    </>
  );
}
