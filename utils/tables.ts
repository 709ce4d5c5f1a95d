// Binary tables of the compiled lists: named Uint32 columns, back to back in one little-endian file
// (lists/compiled/tables.bin). Loading them is a view over bytes, not a parse: that is what keeps start-up fast.

/** Name → [offset, length], both counted in Uint32 words from the start of the file. */
export type TableDirectory = Record<string, [number, number]>;

/** "VIG1" read as a little-endian Uint32: the first word of every tables file. */
export const TABLES_MAGIC = 0x31474956;

export type TableViews = ReadonlyMap<string, Uint32Array>;

export function tableViews(bytes: Uint8Array, directory: TableDirectory): TableViews {
  // Typed arrays need 4-byte alignment; a Node Buffer may sit anywhere in its pool.
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const words = new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength >>> 2);
  if (words[0] !== TABLES_MAGIC) {
    throw new Error('lists: tables file is not Vigie tables (or this machine is big-endian, which Vigie does not support)');
  }
  const views = new Map<string, Uint32Array>();
  for (const [name, [offset, length]] of Object.entries(directory)) {
    if (offset + length > words.length) throw new Error(`lists: table ${name} lies outside the tables file`);
    views.set(name, words.subarray(offset, offset + length));
  }
  return views;
}

export function requireTable(views: TableViews, name: string): Uint32Array {
  const view = views.get(name);
  if (!view) throw new Error(`lists: table ${name} is missing`);
  return view;
}
