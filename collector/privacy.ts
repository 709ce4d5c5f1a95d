// No address leaves the request: logs name the route and the status, rate limits count under a keyed hash.
import { createHmac, randomBytes } from 'node:crypto';
import { isIPv6 } from 'node:net';
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';

/** Logger settings for Fastify: no request serializer ever sees the address, the port or the headers. */
export function loggerOptions(level: string) {
  return {
    level,
    // The process id is enough to tell instances apart; the machine's name adds nothing.
    base: { pid: process.pid },
    serializers: {
      // Fastify's own serializer adds remoteAddress and remotePort: replaced by the method and the route alone.
      req: (req: { method?: string; routeOptions?: { url?: string } }) => ({ method: req.method, route: req.routeOptions?.url }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

/** The network a client is in: an IPv4 address, or the /64 of an IPv6 one (one household or device). */
export function clientNetwork(address: string): string {
  // Most clients are IPv4: no colon, nothing to do (and no regex on the hot path).
  if (!address.includes(':')) return address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':') + '::/64';
}

/**
 * The rate limiter's key for a request: a hash of its network under a secret made at start and never written
 * anywhere, so even the counters in memory hold no address, and nothing links keys across restarts.
 */
export function rateLimitKey(): (request: FastifyRequest) => string {
  const secret = randomBytes(32);
  const hash = (ip: string) => createHmac('sha256', secret).update(clientNetwork(ip)).digest('base64url').slice(0, 22);
  // A keep-alive connection sends many reports: when the address is the connection's own (no proxy forwarding
  // one), its hash is kept with the connection and dies with it, instead of being made again for every request
  // (an HMAC per request showed in profiles of the report endpoint). Only the hash is kept, never the address.
  const byConnection = new WeakMap<object, string>();
  return (request) => {
    const socket = request.raw.socket;
    if (request.ip !== socket.remoteAddress) return hash(request.ip);
    let key = byConnection.get(socket);
    if (key === undefined) byConnection.set(socket, (key = hash(request.ip)));
    return key;
  };
}

/** Responses counted by status class and logged once a minute (only when there was traffic). */
export class TrafficLog {
  private counts: Record<string, number> = {};
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly log: FastifyBaseLogger, everyMs = 60_000) {
    this.timer = setInterval(() => this.flush(), everyMs);
    this.timer.unref();
  }

  count(status: number): void {
    const key = `${Math.floor(status / 100)}xx`;
    this.counts[key] = (this.counts[key] ?? 0) + 1;
  }

  flush(): void {
    if (!Object.keys(this.counts).length) return;
    this.log.info({ responses: this.counts }, 'traffic in the last minute');
    this.counts = {};
  }

  stop(): void {
    clearInterval(this.timer);
    this.flush();
  }
}
