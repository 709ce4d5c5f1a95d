// Settings from the environment: safe defaults for one machine, clear errors for bad values.
import { describe, expect, it } from 'vitest';
import { readConfig } from './config';
import { clientNetwork } from './privacy';

describe('readConfig', () => {
  it('defaults to 127.0.0.1:8787 and a SQLite file under ./data', () => {
    expect(readConfig({}, '/srv/vigie')).toMatchObject({
      host: '127.0.0.1', port: 8787, dataDir: '/srv/vigie/data', databaseUrl: null, retentionWeeks: 26, trustProxy: false,
      dashboardDir: '/srv/vigie/dist/dashboard',
    });
  });

  it('reads every setting, and refuses bad ones with the name of the variable', () => {
    const config = readConfig({ HOST: '0.0.0.0', PORT: '9000', DATA_DIR: '/var/lib/vigie', DATABASE_URL: 'postgres://u@db/vigie', RETENTION_WEEKS: '52', TRUST_PROXY: '10.0.0.0/8', RATE_LIMIT_REPORTS: '5' }, '/');
    expect(config).toMatchObject({ host: '0.0.0.0', port: 9000, dataDir: '/var/lib/vigie', databaseUrl: 'postgres://u@db/vigie', retentionWeeks: 52, trustProxy: '10.0.0.0/8' });
    expect(config.rateLimit.reports).toBe(5);
    expect(readConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(() => readConfig({ PORT: 'http' })).toThrow('PORT must be an integer from 0 to 65535, got "http"');
    expect(() => readConfig({ RETENTION_WEEKS: '0' })).toThrow(/^RETENTION_WEEKS/);
    expect(() => readConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/^DATABASE_URL/);
  });
});

describe('clientNetwork', () => {
  it('keys IPv4 by address and IPv6 by /64, mapped IPv4 as IPv4', () => {
    expect(clientNetwork('203.0.113.7')).toBe('203.0.113.7');
    expect(clientNetwork('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientNetwork('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientNetwork('2001:0db8:0001:0002::')).toBe('2001:db8:1:2::/64');
  });
});
