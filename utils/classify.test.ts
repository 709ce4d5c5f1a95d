// Classification of the hosts GAFAM and European providers serve to public websites (shared reference cases).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classify, createClassifier } from './classify';
import { loadLists } from '../cli/lists';
import type { Classification } from './types';

interface Cases {
  page: string;
  cases: Array<{ url: string; expect: Partial<Classification> }>;
}

const fixtures = JSON.parse(
  readFileSync(join(import.meta.dirname, '../tests/fixtures/classify-cases.json'), 'utf8'),
) as Cases;

describe('classify: reference cases', () => {
  const lists = loadLists();
  for (const c of fixtures.cases) {
    it(c.url, () => {
      expect(classify(c.url, fixtures.page, lists)).toMatchObject(c.expect);
    });
  }

  it('covers every GAFAM member and the categories public sites use', () => {
    const gafam = new Set(fixtures.cases.map((c) => c.expect.gafam).filter(Boolean));
    expect([...gafam].sort()).toEqual(['amazon', 'apple', 'google', 'meta', 'microsoft']);
    const categories = new Set(fixtures.cases.map((c) => c.expect.category));
    for (const needed of ['analytics', 'tag-manager', 'fonts', 'maps', 'video', 'captcha', 'advertising', 'social', 'cdn', 'hosting']) {
      expect(categories.has(needed as never), needed).toBe(true);
    }
  });
});

describe('classify: parties and public sector', () => {
  const lists = loadLists();

  it('tells first from third party by registrable domain', () => {
    const page = 'https://www.lyon.fr/actualites';
    expect(classify('https://static.lyon.fr/app.js', page, lists)).toMatchObject({ party: 'first', domain: 'lyon.fr' });
    expect(classify('https://www.lyon.fr.evil.example/app.js', page, lists)).toMatchObject({ party: 'third' });
  });

  it('makes two gouv.fr sites different parties, both public sector', () => {
    const c = classify('https://www.impots.gouv.fr/logo.png', 'https://www.economie.gouv.fr/', lists) as Classification;
    expect(c.party).toBe('third');
    expect(c.publicSector?.source).toMatch(/gouv\.fr/);
    expect(c.countryClass).toBe('eu');
  });

  it('recognises shared public infrastructure as public, not a foreign dependency', () => {
    for (const url of ['https://app.franceconnect.gouv.fr/api/v1/authorize', 'https://data.geopf.fr/wmts', 'https://www.data.gouv.fr/api/1/']) {
      const c = classify(url, 'https://www.lyon.fr/', lists) as Classification;
      expect(c.countryClass, url).toBe('eu');
      expect(c.gafam, url).toBeNull();
      expect(c.country, url).toBe('FR');
    }
  });

  it('classifies unknown hosts as unknown, never as an error', () => {
    expect(classify('https://cdn.random-vendor-xyz.io/a.js', 'https://www.lyon.fr/', lists)).toMatchObject({
      service: null,
      organisation: null,
      countryClass: 'unknown',
      party: 'third',
      domain: 'random-vendor-xyz.io',
    });
  });

  it('handles IP and IDN hosts', () => {
    expect(classify('http://192.0.2.10:8080/x', 'https://www.lyon.fr/', lists)).toMatchObject({ host: '192.0.2.10', domain: '192.0.2.10' });
    expect(classify('https://[2001:db8::1]/x', null, lists)).toMatchObject({ host: '[2001:db8::1]', party: 'third' });
    expect(classify('https://xn--bcher-kva.example/', null, lists)).toMatchObject({ host: 'xn--bcher-kva.example' });
  });

  it('returns an error for unusable URLs', () => {
    expect(classify('data:image/png;base64,AAAA', null, lists)).toEqual({ url: 'data:image/png;base64,AAAA', error: expect.stringContaining('data:') });
  });

  it('reuses host work across a page (cache) without changing answers', () => {
    const classifier = createClassifier(lists, 'https://www.lyon.fr/');
    const first = classifier('https://www.google.com/recaptcha/api.js');
    const second = classifier('https://www.google.com/maps/embed?pb=1');
    const third = classifier('https://www.google.com/search?q=x');
    expect([first, second, third].map((c) => (c as Classification).service)).toEqual([
      'Google reCAPTCHA',
      'Google Maps',
      'Other Google APIs/SDKs',
    ]);
  });
});
