// The compiled lists in the extension: the index is bundled, the binary tables are a file of the extension
// (copied there by wxt.config.ts) fetched once; the public-body registries the person imported are added.
import { browser } from 'wxt/browser';
import compiled from '../../lists/compiled/index.json';
import { createLists, type CompiledLists, type Lists } from '../../utils/lists';
import { importedSites, loadRegistries } from '../options/registries';

let tables: Promise<Uint8Array> | undefined;

function loadTables(): Promise<Uint8Array> {
  return (tables ??= fetch(browser.runtime.getURL('/lists/tables.bin' as never))
    .then((response) => {
      if (!response.ok) throw new Error(`lists tables: HTTP ${response.status}`);
      return response.arrayBuffer();
    })
    .then((buffer) => new Uint8Array(buffer)));
}

/** Builds the lists afresh: at start-up, and again whenever an import changes the registries. */
export async function loadLists(): Promise<Lists> {
  const [bytes, registries] = await Promise.all([loadTables(), loadRegistries(browser.storage.local)]);
  return createLists(compiled as unknown as CompiledLists, bytes, importedSites(registries));
}
