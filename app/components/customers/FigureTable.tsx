import type { ReactNode } from "react";

/**
 * One table of the customers page: a heading per column, then a row per item, its first cell a
 * row heading (`rowHeader`) and the rest data cells (`cells`). `rowData` adds data-* attributes
 * to a row (tests find segments and tiers by them).
 */
export function FigureTable<T>({
  testId,
  headers,
  rows,
  rowKey,
  rowHeader,
  cells,
  rowData,
}: {
  testId: string;
  headers: ReactNode[];
  rows: readonly T[];
  rowKey: (row: T) => string | number;
  rowHeader: (row: T) => ReactNode;
  cells: (row: T, index: number) => ReactNode[];
  rowData?: (row: T) => Record<`data-${string}`, string>;
}) {
  return (
    <div className="table-scroll">
      <table className="profile" data-testid={testId}>
        <thead>
          <tr>
            {headers.map((header, i) => (
              <th scope="col" key={i}>
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={rowKey(row)} {...rowData?.(row)}>
              <th scope="row">{rowHeader(row)}</th>
              {cells(row, index).map((cell, i) => (
                <td key={i}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
