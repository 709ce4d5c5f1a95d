// Security headers and CORS, computed once at start and set by one hook: the same protection as helmet and
// @fastify/cors give, without rebuilding their options on every request (they did, and it showed in profiles of the
// report endpoint).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Every answer, API or dashboard. The dashboard needs nothing but its own files: no inline script or style. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; " +
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  // Open data: other sites may fetch the API and the files.
  'cross-origin-resource-policy': 'cross-origin',
  'origin-agent-cluster': '?1',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-dns-prefetch-control': 'off',
  'x-permitted-cross-domain-policies': 'none',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
};

// An extension page or service worker: chrome-extension://<32 letters a-p>, moz-extension://<uuid>.
const EXTENSION_ORIGIN = /^(?:chrome-extension:\/\/[a-p]{32}|moz-extension:\/\/[0-9a-f-]{36})$/;

const EXTENSION_PREFLIGHT = {
  'access-control-allow-methods': 'GET, HEAD, POST',
  'access-control-allow-headers': 'Content-Type',
  'access-control-max-age': '86400',
};
const READ_PREFLIGHT = { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, HEAD', 'access-control-max-age': '86400' };

/**
 * CORS: reports may come from the extension's pages and service worker only (a web page cannot make its visitors'
 * browsers post reports for it); the read API and the files are open to every origin. Never with credentials:
 * the collector has no cookie and wants none.
 */
function cors(request: FastifyRequest, reply: FastifyReply): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  const preflight = request.method === 'OPTIONS' && request.headers['access-control-request-method'] !== undefined;
  if (EXTENSION_ORIGIN.test(origin)) {
    reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
    if (preflight) reply.headers(EXTENSION_PREFLIGHT);
    return preflight;
  }
  const wants = preflight ? String(request.headers['access-control-request-method']).toUpperCase() : request.method;
  if (wants === 'GET' || wants === 'HEAD') {
    if (preflight) reply.headers(READ_PREFLIGHT);
    else reply.header('access-control-allow-origin', '*');
  }
  return preflight;
}

export function httpSafety(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(SECURITY_HEADERS);
    if (cors(request, reply)) {
      // A preflight is answered here, whatever the route; without the CORS headers above the browser refuses.
      void reply.code(204).header('content-length', '0').send();
      return;
    }
    done();
  });
  // Preflights for paths that have no OPTIONS route reach the hook above only if some route matches.
  app.options('/*', async (_request, reply) => reply.code(204).send());
}
