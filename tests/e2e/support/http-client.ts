// Minimal Node clients for testing the fixture server the ways browsers reach it: Host header, TLS with SNI,
// proxy absolute-form, and CONNECT tunnels.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { connect as netConnect, type Socket } from 'node:net';

export interface SimpleResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

type Mode = 'direct' | 'proxy';

/**
 * GET a URL from the fixture server at 127.0.0.1:port. 'direct' connects as Chromium does with its host mapping
 * (TLS with SNI for https); 'proxy' asks it as Firefox asks its proxy (absolute-form for http, CONNECT for https).
 */
export async function fetchFromFixture(port: number, url: string, mode: Mode = 'direct', headers: Record<string, string> = {}): Promise<SimpleResponse> {
  const target = new URL(url);
  const https = target.protocol === 'https:';
  let socket: Socket | TLSSocket | undefined;
  if (https) {
    const raw = mode === 'proxy' ? await openTunnel(port, `${target.hostname}:443`) : undefined;
    socket = await new Promise<TLSSocket>((resolve, reject) => {
      const tls = tlsConnect({ host: '127.0.0.1', port, socket: raw, servername: target.hostname, rejectUnauthorized: false }, () => resolve(tls));
      tls.once('error', reject);
    });
  }
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: 'GET',
        path: mode === 'proxy' && !https ? target.href : target.pathname + target.search,
        headers: { host: target.host, ...headers },
        // With a ready socket (TLS, tunnel), no agent: Node only calls createConnection when none is given.
        ...(socket ? { createConnection: () => socket as Socket } : { agent: false }),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          socket?.destroy();
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') });
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function openTunnel(port: number, authority: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method: 'CONNECT', path: authority, agent: false });
    req.on('connect', (res, socket) => {
      if (res.statusCode === 200) resolve(socket);
      else reject(new Error(`CONNECT ${authority} answered ${res.statusCode}`));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Sends raw bytes and returns whatever comes back before the server closes or `waitMs` passes. */
export function rawExchange(port: number, bytes: string | Buffer, waitMs = 1000): Promise<string> {
  return new Promise((resolve) => {
    let received = '';
    const socket = netConnect(port, '127.0.0.1', () => socket.end(bytes));
    const timer = setTimeout(() => socket.destroy(), waitMs);
    socket.on('data', (c: Buffer) => (received += c.toString('latin1')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(received);
    });
  });
}
