// Why a page could not be audited, in words a person can act on, from what Playwright and Chromium report.

/** Chromium's network error codes, grouped by what the person should look at. */
const NETWORK_KINDS: Array<[RegExp, string]> = [
  [/^ERR_NAME_NOT_RESOLVED$|^ERR_NAME_RESOLUTION_FAILED$|^ERR_DNS_/, 'DNS: the host name does not resolve'],
  [/^ERR_CERT_|^ERR_SSL_|^ERR_BAD_SSL_|^ERR_TLS_/, 'TLS: the certificate or the secure connection was refused'],
  [/^ERR_CONNECTION_REFUSED$/, 'connection refused'],
  [/^ERR_CONNECTION_TIMED_OUT$|^ERR_TIMED_OUT$/, 'timeout: the server did not answer'],
  [/^ERR_CONNECTION_(RESET|CLOSED|ABORTED|FAILED)$|^ERR_EMPTY_RESPONSE$/, 'connection dropped by the server'],
  [/^ERR_ADDRESS_UNREACHABLE$|^ERR_INTERNET_DISCONNECTED$|^ERR_NETWORK_/, 'network unreachable'],
  [/^ERR_TOO_MANY_REDIRECTS$/, 'too many redirects'],
  [/^ERR_INVALID_RESPONSE$|^ERR_INVALID_HTTP_RESPONSE$|^ERR_RESPONSE_HEADERS_/, 'invalid HTTP response'],
  [/^ERR_BLOCKED_/, 'blocked by the browser'],
  [/^ERR_ABORTED$/, 'navigation aborted (a download, an empty answer or a page that stopped its own loading)'],
];

/** The reason of a failed `page.goto`. */
export function navigationFailure(error: unknown, timeoutSeconds: number): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && error.name === 'TimeoutError') {
    return `timeout: the page did not finish loading within ${timeoutSeconds} s`;
  }
  if (/Download is starting/i.test(message)) return 'download instead of a page';
  if (/page crashed/i.test(message)) return 'the page crashed the browser tab';
  const code = /net::(ERR_[A-Z0-9_]+)/.exec(message)?.[1];
  if (code) {
    const kind = NETWORK_KINDS.find(([pattern]) => pattern.test(code))?.[1] ?? 'network error';
    return `${kind} (net::${code})`;
  }
  return `navigation failed: ${message.split('\n')[0]!.slice(0, 200)}`;
}

/** Did the browser itself go away (crash, killed), rather than the site fail? */
export function isBrowserGone(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /Target page, context or browser has been closed|Browser has been closed|browser has disconnected/i.test(message);
}

/** HTML as a browser renders it; anything else (PDF, JSON, an image) is no page to audit. */
export function isHtml(contentType: string): boolean {
  return /^(text\/html|application\/xhtml\+xml)\b/i.test(contentType.trim());
}
