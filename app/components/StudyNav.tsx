import { Link, NavLink, useRouteLoaderData } from "@remix-run/react";
import type { MessageKey } from "~/i18n";
import type { loader as studyLoader } from "~/routes/studies.$id";
import { useT } from "./use-t";

export type StudyRoleName = "owner" | "editor" | "viewer";

interface Section {
  path: string;
  label: MessageKey;
  /** Lowest role that may open the page (the loader checks it again). */
  minimum: StudyRoleName;
}

const SECTIONS: readonly Section[] = [
  { path: "", label: "studyNav.design", minimum: "viewer" },
  { path: "/methods", label: "studyNav.methods", minimum: "editor" },
  { path: "/focus-group", label: "studyNav.focusGroup", minimum: "editor" },
  { path: "/distribution", label: "studyNav.distribution", minimum: "editor" },
  { path: "/fieldwork", label: "studyNav.fieldwork", minimum: "viewer" },
  { path: "/responses", label: "studyNav.responses", minimum: "viewer" },
  { path: "/report", label: "studyNav.report", minimum: "viewer" },
  { path: "/scenarios", label: "studyNav.scenarios", minimum: "viewer" },
  { path: "/strategy", label: "studyNav.strategy", minimum: "editor" },
  { path: "/customers", label: "studyNav.customers", minimum: "viewer" },
  { path: "/panel", label: "studyNav.integrations", minimum: "editor" },
  { path: "/members", label: "studyNav.members", minimum: "owner" },
];
const rank: Record<StudyRoleName, number> = { viewer: 0, editor: 1, owner: 2 };

/**
 * The guided path (Design → Focus group → Adopt weights → Rating questionnaire → Fieldwork →
 * Report): each step's state and where it stands, and the next action (for editors).
 */
function StudySteps({ canAct }: { canAct: boolean }) {
  const data = useRouteLoaderData<typeof studyLoader>("routes/studies.$id");
  const { t } = useT();
  if (!data) return null;
  const next = data.steps.find((s) => (s.state === "now" || s.state === "changes") && s.next);
  return (
    <div className="study-steps no-print">
      <ol aria-label={t("studyNav.steps")} data-testid="study-steps">
        {data.steps.map((s, i) => (
          <li key={s.id} data-state={s.state} data-step={s.id} aria-current={next?.id === s.id ? "step" : undefined}>
            <span className="step-head">
              <span className="step-number">{i + 1}</span> <strong>{s.label}</strong> <span className="step-state">{s.stateLabel}</span>
            </span>
            <span className="step-status">{s.status}</span>
          </li>
        ))}
      </ol>
      {canAct && next?.next ? (
        <p className="step-next" data-testid="next-step">
          → <Link to={next.next.href}>{next.next.label}</Link>
        </p>
      ) : null}
    </div>
  );
}

/** The study's pages, as far as the signed-in member's role reaches, and the guided path. */
export function StudyNav({ studyId, role }: { studyId: number; role: StudyRoleName }) {
  const { t } = useT();
  return (
    <>
      <nav className="study-nav no-print" aria-label={t("studyNav.label")}>
        {SECTIONS.filter((s) => rank[role] >= rank[s.minimum]).map((s) => (
          <NavLink key={s.path} to={`/studies/${studyId}${s.path}`} end>
            {t(s.label)}
          </NavLink>
        ))}
      </nav>
      <StudySteps canAct={role !== "viewer"} />
    </>
  );
}
