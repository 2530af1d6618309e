import { NavLink } from "@remix-run/react";
import type { MessageKey } from "~/i18n";
import { useT } from "./use-t";

export type StudyRoleName = "owner" | "editor" | "viewer";

interface Section {
  path: string;
  label: MessageKey;
  /** Lowest role that may open the page (the loader checks it again). */
  minimum: StudyRoleName;
}

const SECTIONS: readonly Section[] = [
  { path: "", label: "studyNav.design", minimum: "editor" },
  { path: "/methods", label: "studyNav.methods", minimum: "editor" },
  { path: "/focus-group", label: "studyNav.focusGroup", minimum: "editor" },
  { path: "/distribution", label: "studyNav.distribution", minimum: "editor" },
  { path: "/fieldwork", label: "studyNav.fieldwork", minimum: "viewer" },
  { path: "/responses", label: "studyNav.responses", minimum: "viewer" },
  { path: "/report", label: "studyNav.report", minimum: "viewer" },
  { path: "/strategy", label: "studyNav.strategy", minimum: "editor" },
  { path: "/customers", label: "studyNav.customers", minimum: "viewer" },
  { path: "/panel", label: "studyNav.integrations", minimum: "editor" },
  { path: "/members", label: "studyNav.members", minimum: "owner" },
];
const rank: Record<StudyRoleName, number> = { viewer: 0, editor: 1, owner: 2 };

/** The study's pages, as far as the signed-in member's role reaches. */
export function StudyNav({ studyId, role }: { studyId: number; role: StudyRoleName }) {
  const { t } = useT();
  return (
    <nav className="study-nav no-print" aria-label={t("studyNav.label")}>
      {SECTIONS.filter((s) => rank[role] >= rank[s.minimum]).map((s) => (
        <NavLink key={s.path} to={`/studies/${studyId}${s.path}`} end>
          {t(s.label)}
        </NavLink>
      ))}
    </nav>
  );
}
