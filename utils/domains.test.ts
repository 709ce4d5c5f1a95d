// URL parsing and registrable domains, including the inputs people actually paste.
import { describe, expect, it } from 'vitest';
import { isUrlError, parseUrl, registrableDomain } from './domains';
import { loadLists } from '../cli/lists';

describe('parseUrl', () => {
  it('extracts host and path from ordinary URLs', () => {
    expect(parseUrl('https://WWW.Example.FR:8443/a/b?c=d#frag')).toEqual({ scheme: 'https', host: 'www.example.fr', rest: '/a/b?c=d' });
    expect(parseUrl('http://example.com')).toEqual({ scheme: 'http', host: 'example.com', rest: '/' });
    expect(parseUrl('https://example.com?x=1')).toEqual({ scheme: 'https', host: 'example.com', rest: '/?x=1' });
    expect(parseUrl('wss://socket.example.net/live')).toMatchObject({ scheme: 'wss', host: 'socket.example.net' });
  });

  it('drops credentials and a trailing dot', () => {
    expect(parseUrl('https://user:pa:ss@host.example.org./x')).toMatchObject({ host: 'host.example.org', rest: '/x' });
  });

  it('keeps IP literals', () => {
    expect(parseUrl('http://192.0.2.1:8080/')).toMatchObject({ host: '192.0.2.1' });
    expect(parseUrl('http://[2001:DB8::1]:443/x')).toMatchObject({ host: '[2001:db8::1]', rest: '/x' });
  });

  it('accepts Unicode hosts as typed (IDN)', () => {
    expect(parseUrl('https://bücher.example/')).toMatchObject({ host: 'bücher.example' });
  });

  it('explains what is wrong with unusable input', () => {
    const cases: Array<[string, RegExp]> = [
      ['', /empty/],
      ['   ', /empty/],
      ['example.com/page', /no scheme/],
      ['data:text/plain,hello', /unsupported scheme "data:"/],
      ['blob:https://example.com/0f0e', /unsupported scheme "blob:"/],
      ['about:blank', /unsupported scheme "about:"/],
      ['javascript:alert(1)', /unsupported scheme/],
      ['https:/example.com', /expected "https:\/\/"/],
      ['https://', /empty host/],
      ['https://exa mple.com/', /invalid character/],
      ['https://[::1/', /missing "\]"/],
      ['https://example.com:99999/', /invalid port/],
      ['https://a..b/', /invalid host/],
    ];
    for (const [input, message] of cases) {
      const result = parseUrl(input);
      expect(isUrlError(result), input).toBe(true);
      expect((result as { error: string }).error, input).toMatch(message);
    }
  });
});

describe('registrableDomain', () => {
  const { publicSector } = loadLists();

  it('follows the Public Suffix List, private section included', () => {
    expect(registrableDomain('www.example.co.uk', publicSector)).toBe('example.co.uk');
    expect(registrableDomain('abc.cloudfront.net', publicSector)).toBe('abc.cloudfront.net');
    expect(registrableDomain('static.example.com', publicSector)).toBe('example.com');
  });

  it('makes two gouv.fr sites two different parties', () => {
    expect(registrableDomain('www.impots.gouv.fr', publicSector)).toBe('impots.gouv.fr');
    expect(registrableDomain('www.economie.gouv.fr', publicSector)).toBe('economie.gouv.fr');
  });

  it('treats public-sector suffixes missing from the PSL as suffixes', () => {
    expect(registrableDomain('www.bag.admin.ch', publicSector)).toBe('bag.admin.ch');
    expect(registrableDomain('www.bsi.bund.de', publicSector)).toBe('bsi.bund.de');
  });

  it('leaves IPs and single labels as they are', () => {
    expect(registrableDomain('192.0.2.1', publicSector)).toBe('192.0.2.1');
    expect(registrableDomain('[2001:db8::1]', publicSector)).toBe('[2001:db8::1]');
    expect(registrableDomain('localhost', publicSector)).toBe('localhost');
  });
});
