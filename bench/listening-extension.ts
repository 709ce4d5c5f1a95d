// The references for the extension benchmark: extensions that listen to the same browser events as Vigie, with
// the same options, and do nothing with them. What Chromium spends delivering those events (and what observing
// requests costs a page) is then measured apart from what Vigie does with them. A second, smaller reference
// listens to the start of requests only, which shows what the response-stage events cost on their own.
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
const REQUESTS = `
globalThis.requestsObserved = 0;
const all = { urls: ['<all_urls>'] };
chrome.webRequest.onBeforeRequest.addListener(() => { globalThis.requestsObserved++; }, all);
`;

const EVERYTHING_ELSE = `
chrome.webRequest.onResponseStarted.addListener(() => {}, all, ['responseHeaders', 'extraHeaders']);
chrome.webRequest.onBeforeRedirect.addListener(() => {}, all);
chrome.webRequest.onErrorOccurred.addListener(() => {}, all);
chrome.webNavigation.onCommitted.addListener(() => {});
chrome.webNavigation.onHistoryStateUpdated.addListener(() => {});
chrome.cookies.onChanged.addListener(() => {});
`;

/**
 * Writes a reference extension into a new temporary directory and returns it: every event Vigie listens to,
 * or with `requestsOnly` the start of each request alone.
 */
export async function writeListeningExtension(options: { requestsOnly?: boolean } = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'vigie-listening-'));
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(MANIFEST));
  await writeFile(join(dir, 'background.js'), options.requestsOnly ? REQUESTS : REQUESTS + EVERYTHING_ELSE);
  return dir;
}
