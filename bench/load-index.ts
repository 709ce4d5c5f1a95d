// Child process of the engine benchmark: loads the compiled lists once, from disk, and prints the time (ms)
// or the memory they hold (MB: JS heap plus the tables' bytes, which live outside the heap).
import { readCompiledLists } from '../cli/lists';
import { createLists } from '../utils/lists';

const gc = (globalThis as { gc?: () => void }).gc!;
const memory = () => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

if (process.argv[2] === 'heap') {
  gc();
  const before = memory();
  const { index, tables } = readCompiledLists();
  const lists = createLists(index, tables);
  gc();
  console.log(((memory() - before) / 1024 / 1024).toFixed(3));
  if (!lists.version) process.exit(1);
} else {
  const start = process.hrtime.bigint();
  const { index, tables } = readCompiledLists();
  const lists = createLists(index, tables);
  console.log((Number(process.hrtime.bigint() - start) / 1e6).toFixed(3));
  if (!lists.version) process.exit(1);
}
