// The compiled lists in the extension: the index is bundled, the binary tables are a file of the extension
// (copied there by wxt.config.ts) fetched once.
import { browser } from 'wxt/browser';
import compiled from '../../lists/compiled/index.json';
import { createLists, type CompiledLists, type Lists } from '../../utils/lists';

let loading: Promise<Lists> | undefined;

export function loadLists(): Promise<Lists> {
  return (loading ??= fetch(browser.runtime.getURL('/lists/tables.bin' as never))
    .then((response) => {
      if (!response.ok) throw new Error(`lists tables: HTTP ${response.status}`);
      return response.arrayBuffer();
    })
    .then((buffer) => createLists(compiled as unknown as CompiledLists, new Uint8Array(buffer))));
}
