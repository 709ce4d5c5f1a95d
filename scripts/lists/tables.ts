// Packs named Uint32 columns into the tables file read by utils/tables.ts.
import { TABLES_MAGIC, type TableDirectory } from '../../utils/tables';

export type Columns = Record<string, ArrayLike<number>>;

export function packTables(columns: Columns): { bytes: Uint8Array; directory: TableDirectory } {
  const names = Object.keys(columns).sort();
  const total = 1 + names.reduce((sum, n) => sum + columns[n]!.length, 0);
  const words = new Uint32Array(total);
  words[0] = TABLES_MAGIC;
  const directory: TableDirectory = {};
  let offset = 1;
  for (const name of names) {
    const column = columns[name]!;
    for (let i = 0; i < column.length; i++) {
      const v = column[i]!;
      if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new Error(`table ${name}[${i}]: ${v} is not a uint32`);
      words[offset + i] = v;
    }
    directory[name] = [offset, column.length];
    offset += column.length;
  }
  // Little-endian on disk whatever the build machine (DataView writes bytes explicitly).
  const bytes = new Uint8Array(words.length * 4);
  const view = new DataView(bytes.buffer);
  words.forEach((w, i) => view.setUint32(i * 4, w, true));
  return { bytes, directory };
}
