import type { ReactNode } from "react";
import type { MessageKey } from "~/i18n";
import { InlineForm } from "./InlineForm";
import { useT } from "./use-t";

/**
 * The pieces the integration list pages share (API tokens, webhooks): the action's notice, a
 * table of items with one column per field (or a line saying there are none), and the button
 * that revokes or deletes an item after a confirmation.
 */

/** The action's notice: an error when its key starts with `errorPrefix` (`webhooks.error`), else a confirmation. */
export function ReplyNotice({ notice, errorPrefix }: { notice: MessageKey | null | undefined; errorPrefix: string }) {
  const { t } = useT();
  if (!notice) return null;
  return (
    <p className={notice.startsWith(errorPrefix) ? "error" : "notice"} role="status">
      {t(notice)}
    </p>
  );
}

export interface Column<T> {
  /** The column's heading (null: an empty heading, for a column of buttons). */
  header: ReactNode;
  cell: (item: T) => ReactNode;
}

/** The items as a table (a column each), or `empty` when there are none. */
export function ListTable<T extends { id: number }>({ items, columns, empty, testId }: { items: T[]; columns: Column<T>[]; empty: ReactNode; testId?: string }) {
  if (items.length === 0) return <p>{empty}</p>;
  return (
    <div className="table-scroll">
      <table data-testid={testId}>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i}>{c.header}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              {columns.map((c, i) => (
                <td key={i}>{c.cell(item)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Revokes or deletes one item (`fields` name it) once the researcher confirms `confirm`. */
export function RevokeButton({ intent, fields, label, confirm }: { intent: string; fields: Record<string, number>; label: string; confirm: string }) {
  return <InlineForm intent={intent} fields={fields} label={label} buttonClassName="link-button" confirm={{ message: confirm }} />;
}
