import { Form } from "@remix-run/react";
import { CsrfField } from "./CsrfField";
import { useT } from "./use-t";

export interface FieldworkWindow {
  opensAt: string;
  closesAt: string;
  state: "open" | "scheduled" | "closed";
  onePerDevice: boolean;
  /** Minutes after the close during which responses already started may still finish. */
  graceMinutes: number;
}

/** Opening and closing date-times (UTC), the open/closed state and the one-response-per-device rule. */
export function FieldworkWindowForm({ window: w }: { window: FieldworkWindow }) {
  const { t } = useT();
  return (
    <>
      <p data-testid="fieldwork-state">
        <span className={`state state-${w.state}`}>{t(`fieldwork.window.state.${w.state}`)}</span>
      </p>
      <Form method="post" className="row-form" key={`${w.opensAt}-${w.closesAt}-${w.onePerDevice}-${w.graceMinutes}`}>
        <CsrfField />
        <label>
          {t("fieldwork.window.opensAt")}
          <input type="datetime-local" name="opensAt" defaultValue={w.opensAt} />
        </label>
        <label>
          {t("fieldwork.window.closesAt")}
          <input type="datetime-local" name="closesAt" defaultValue={w.closesAt} />
        </label>
        <label>
          {t("fieldwork.window.graceMinutes")}
          <input type="number" name="graceMinutes" min={0} max={10080} step={1} defaultValue={w.graceMinutes} />
        </label>
        <label className="checkbox">
          <input type="checkbox" name="onePerDevice" defaultChecked={w.onePerDevice} /> {t("fieldwork.window.onePerDevice")}
        </label>
        <button type="submit" name="intent" value="fieldworkSettings" className="secondary">
          {t("study.save")}
        </button>
      </Form>
      <Form method="post" className="inline">
        <CsrfField />
        {w.state === "open" ? (
          <button type="submit" name="intent" value="closeFieldwork" className="danger">
            {t("fieldwork.window.closeNow")}
          </button>
        ) : (
          <button type="submit" name="intent" value="openFieldwork">
            {t("fieldwork.window.openNow")}
          </button>
        )}
      </Form>
      <p className="muted small">{t("fieldwork.window.help")}</p>
    </>
  );
}
