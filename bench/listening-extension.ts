// The reference for the extension benchmark: an extension that listens to the same browser events as Vigie,
// with the same options, and does nothing with them. What Chromium spends delivering those events (and what
// observing requests costs a page) is then measured apart from what Vigie does with them.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MANIFEST = {
  manifest_version: 3,
  name: 'Listening reference',
  version: '1.0.0',
  permissions: ['webRequest', 'webNavigation', 'cookies'],
  host_permissions: ['<all_urls>'],
  background: { service_worker: 'background.js' },
};

// Counts main and sub requests so the benchmark can divide by the requests this worker saw.
const BACKGROUND = `
globalThis.requestsObserved = 0;
const all = { urls: ['<all_urls>'] };
chrome.webRequest.onBeforeRequest.addListener(() => { globalThis.requestsObserved++; }, all);
chrome.webRequest.onResponseStarted.addListener(() => {}, all, ['responseHeaders', 'extraHeaders']);
chrome.webRequest.onBeforeRedirect.addListener(() => {}, all);
chrome.webRequest.onErrorOccurred.addListener(() => {}, all);
chrome.webNavigation.onCommitted.addListener(() => {});
chrome.webNavigation.onHistoryStateUpdated.addListener(() => {});
chrome.cookies.onChanged.addListener(() => {});
`;

/** Writes the reference extension into a new temporary directory and returns it. */
export async function writeListeningExtension(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'vigie-listening-'));
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(MANIFEST));
  await writeFile(join(dir, 'background.js'), BACKGROUND);
  return dir;
}
