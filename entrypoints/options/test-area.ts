// A storage area in memory, for the unit tests of the modules that keep the person's choices in storage.local.
import type { LocalArea } from './settings';

export function memoryArea(): LocalArea & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = {};
  return {
    data,
    get: async (key) => (key in data ? { [key]: structuredClone(data[key]) } : {}),
    set: async (items) => {
      Object.assign(data, structuredClone(items));
    },
  };
}
