// Test helper: table columns as the engine sees them after packing (the round trip through tables.bin).
import { packTables, type Columns } from '../scripts/lists/tables';
import { tableViews, type TableViews } from '../utils/tables';

export function viewsOf(columns: Columns): TableViews {
  const { bytes, directory } = packTables(columns);
  return tableViews(bytes, directory);
}
