// The fixture server's certificate: self-signed, made once per test process with the system's openssl, and
// naming every host the fixture sites use.
import { execFile } from 'node:child_process';
import { createHash, createPublicKey } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SITES } from '../sites/manifest';
import { BENCH_300_PLAN, HEAVY_PLAN } from '../sites/plans';

const run = promisify(execFile);

export interface TlsCertificate {
  key: string;
  cert: string;
  /** base64 SHA-256 of the public key, for Chromium's --ignore-certificate-errors-spki-list. */
  spkiSha256: string;
}

/**
 * Names the certificate covers: every fixture host, plus its parent and the parent's wildcard (so that
 * stats.g.doubleclick.net, maps.gstatic.com … match too). Why names at all, when the browsers are told to accept
 * the certificate anyway: Chromium only reuses an HTTP/2 connection for another host (as it does for real Google
 * hosts) when the certificate is free of errors and names that host. Without it, a page with 240 hosts opens well
 * over 256 sockets and Chromium starts dropping requests (ERR_CONNECTION_CLOSED).
 */
export function certificateNames(): string[] {
  const hosts = new Set<string>(['localhost']);
  for (const site of Object.values(SITES)) for (const host of [...site.firstPartyHosts, ...site.thirdPartyHosts]) hosts.add(host);
  for (const plan of [HEAVY_PLAN, BENCH_300_PLAN]) for (const { host } of plan.hosts) hosts.add(host);
  const names = new Set<string>();
  for (const host of hosts) {
    names.add(host);
    const parent = host.slice(host.indexOf('.') + 1);
    if (parent.includes('.')) names.add(parent).add(`*.${parent}`);
  }
  return [...names].sort();
}

let pending: Promise<TlsCertificate> | undefined;

/** Cached per process (vitest workers each make their own, in about 30 ms). */
export function tlsCertificate(): Promise<TlsCertificate> {
  pending ??= generate(certificateNames()).catch((error: unknown) => {
    pending = undefined; // let a later caller retry instead of caching the failure
    throw error;
  });
  return pending;
}

async function generate(names: string[]): Promise<TlsCertificate> {
  const dir = await mkdtemp(join(tmpdir(), 'vigie-e2e-tls-'));
  try {
    const config = join(dir, 'openssl.cnf');
    const keyPath = join(dir, 'key.pem');
    const certPath = join(dir, 'cert.pem');
    await writeFile(
      config,
      ['[req]', 'distinguished_name = dn', '[dn]', '[leaf]', `subjectAltName = ${names.map((n) => `DNS:${n}`).join(',')}`, 'basicConstraints = CA:FALSE', 'extendedKeyUsage = serverAuth', ''].join('\n'),
    );
    // P-256 rather than RSA: pages with hundreds of hosts make hundreds of handshakes, and EC ones are cheaper.
    await run('openssl', [
      'req', '-x509', '-nodes', '-days', '7',
      '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1',
      '-keyout', keyPath, '-out', certPath,
      '-subj', '/O=Vigie end-to-end tests/CN=vigie-fixture-sites',
      '-config', config, '-extensions', 'leaf',
    ]);
    const [key, cert] = await Promise.all([readFile(keyPath, 'utf8'), readFile(certPath, 'utf8')]);
    const spki = createPublicKey(cert).export({ type: 'spki', format: 'der' });
    return { key, cert, spkiSha256: createHash('sha256').update(spki).digest('base64') };
  } catch (error) {
    throw new Error(`could not make the fixture server's certificate with openssl: ${(error as Error).message}`);
  } finally {
    // The PEM text is kept in memory; nothing needs the files once read.
    await rm(dir, { recursive: true, force: true });
  }
}
