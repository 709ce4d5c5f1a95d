// The lists `vigie audit` reads: plain lists, CSV with a url column, and the official registries as published.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDataDir } from '../../tests/shared-data';
import { buildSiteList, parseShard, shardOf, siteUrl } from './site-list';

const head = (path: string, lines: number) => readFileSync(path, 'utf8').split('\n').slice(0, lines).join('\n');

describe('siteUrl', () => {
  it('keeps web addresses, opens bare host names over https, refuses the rest', () => {
    expect(siteUrl('https://www.lyon.fr')).toBe('https://www.lyon.fr/');
    expect(siteUrl('HTTP://Marseille.FR/mairie?x=1')).toBe('http://marseille.fr/mairie?x=1');
    expect(siteUrl('www.aspach-le-bas.alsace')).toBe('https://www.aspach-le-bas.alsace/');
    expect(siteUrl('münchen.de')).toBe('https://xn--mnchen-3ya.de/');
    expect(siteUrl('29palms.gov/contact')).toBe('https://29palms.gov/contact');
    expect(siteUrl('ftp://example.fr/')).toEqual({ error: expect.stringContaining('not a web address') });
    expect(siteUrl('mailto:maire@example.fr')).toEqual({ error: expect.stringContaining('not a web address') });
    expect(siteUrl('not a host')).toEqual({ error: expect.any(String) });
    expect(siteUrl('localhost')).toEqual({ error: expect.stringContaining('not a domain name') });
  });
});

describe('buildSiteList', () => {
  it('reads a plain list: comments and blank lines skipped, bad lines reported with their line, duplicates once', () => {
    const text = ['# the city', 'https://www.lyon.fr/', '', 'www.lyon.fr', 'nonsense here', 'https://www.lyon.fr', 'ftp://x.fr'].join('\n');
    const list = buildSiteList(['https://www.paris.fr/'], { text, source: 'sites.txt' });
    expect(list.sites).toEqual([
      { url: 'https://www.paris.fr/', index: 0 },
      { url: 'https://www.lyon.fr/', index: 1 },
    ]);
    expect(list.duplicates).toBe(2);
    expect(list.problems.map((p) => p.at)).toEqual(['sites.txt:5', 'sites.txt:7']);
    expect(list.format).toMatch(/plain list/);
  });

  it('reads a CSV by its url column, whatever the other columns', () => {
    const text = 'name,url,notes\r\nLyon,https://www.lyon.fr/,"big, city"\r\n"Paris, capitale",www.paris.fr,\r\nBroken,"https://x.fr/,\r\nEmpty,,\r\n';
    const list = buildSiteList([], { text, source: 'sites.csv' });
    expect(list.sites.map((s) => s.url)).toEqual(['https://www.lyon.fr/', 'https://www.paris.fr/']);
    expect(list.problems).toEqual([
      { at: 'sites.csv:4', message: 'unterminated quoted field' },
      { at: 'sites.csv:5', message: 'no value in the "url" column' },
    ]);
    expect(buildSiteList([], { text: 'url\nhttps://www.lyon.fr/\n', source: 'one.csv' }).sites).toHaveLength(1);
  });

  it('refuses a CSV without a url column rather than guessing', () => {
    const list = buildSiteList([], { text: 'commune,site\nLyon,https://www.lyon.fr/\n', source: 'x.csv' });
    expect(list.sites).toEqual([]);
    expect(list.problems[0]!.message).toContain('"url" column');
  });

  it('reads the official registries as published: DINUM urls.txt and CSV, CISA .gov CSV', () => {
    const data = sharedDataDir();
    const urls = buildSiteList([], { text: head(join(data, 'fr-public-sector/urls.txt'), 200), source: 'urls.txt' });
    expect(urls.problems).toEqual([]);
    expect(urls.sites).toHaveLength(200);
    expect(urls.sites[0]!.url).toBe('http://aspach-le-bas.alsace/');

    const communes = buildSiteList([], { text: head(join(data, 'fr-public-sector/by-type-2023-01/domains-communes.csv'), 101), source: 'communes.csv' });
    expect(communes.format).toMatch(/DINUM/);
    expect(communes.sites).toHaveLength(100);
    // The registry lists hosts: opened over https, "www." kept as written.
    expect(communes.sites.slice(0, 2).map((s) => s.url)).toEqual(['https://aspach-le-bas.alsace/', 'https://www.aspach-le-bas.alsace/']);

    const gov = buildSiteList([], { text: head(join(data, 'us-dotgov/current-full.csv'), 51), source: 'current-full.csv' });
    expect(gov.format).toMatch(/CISA/);
    expect(gov.problems).toEqual([]);
    expect(gov.sites).toHaveLength(50);
    expect(gov.sites[0]!.url).toBe('https://29palms.gov/');
  });
});

describe('shards', () => {
  it('parses i/n and refuses anything else', () => {
    expect(parseShard('2/8')).toEqual({ index: 2, count: 8 });
    for (const bad of ['0/3', '4/3', '1/0', '1-3', 'a/b', '']) expect(parseShard(bad)).toHaveProperty('error');
  });

  it('gives every site to exactly one shard, interleaved', () => {
    const sites = Array.from({ length: 10 }, (_, i) => ({ url: `https://s${i}.fr/`, index: i }));
    const shards = [1, 2, 3].map((index) => shardOf(sites, { index, count: 3 }));
    expect(shards.map((s) => s.map((x) => x.index))).toEqual([
      [0, 3, 6, 9],
      [1, 4, 7],
      [2, 5, 8],
    ]);
  });
});
