// A table of the report (rows built in report-tables.ts): caption, column headers, numbers aligned right. Wide
// tables scroll inside a focusable region, so keyboard users can scroll them too.
import type { Table } from './report-tables';

export function DataTable({ table, empty }: { table: Table; empty?: string }) {
  if (!table.rows.length) return empty ? <p>{empty}</p> : null;
  const captionId = `caption-${table.id}`;
  return (
    <div class="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table class="data">
        <caption id={captionId}>{table.caption}</caption>
        <thead>
          <tr>
            {table.headers.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, i) => (
                <td key={i} class={table.numeric.includes(i) ? 'num' : undefined}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
