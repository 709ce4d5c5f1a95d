import { describe, expect, it } from 'vitest';
import { browserName, escapeHtml, evidenceHtml } from './export-html';
import { translator } from './i18n';
import { exampleAudit } from './test-audits';
import type { Audit } from '../utils/audit';

const context = { generatedAt: Date.UTC(2026, 10, 24, 9, 30), browser: 'Chromium 140', extensionVersion: '0.1.0' };

describe('evidenceHtml', () => {
  it('is one self-contained document: no script, no external resource', () => {
    const html = evidenceHtml(exampleAudit(4), context, 'en', translator('en'));
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).not.toMatch(/(?:src|href)=/i);
  });

  it('states the visit, the browser, the extension, the methodology and lists versions', () => {
    const audit = exampleAudit(4);
    const html = evidenceHtml(audit, context, 'en', translator('en'));
    for (const fact of ['https://www.lyon.fr/', 'Chromium 140', 'Vigie 0.1.0', 'SN-1', audit.lists, 'November 23, 2026', 'November 24, 2026']) {
      expect(html).toContain(fact);
    }
    expect(html).toContain('Grade E');
  });

  it('gives every deduction with its evidence, reason, legal context and remedy', () => {
    const audit = exampleAudit(4);
    const html = evidenceHtml(audit, context, 'en', translator('en'));
    for (const d of audit.score.deductions) {
      expect(html).toContain(`data-code="${d.code}"`);
      expect(html).toContain(escapeHtml(d.reason));
      expect(html).toContain(escapeHtml(d.remedy));
      if (d.law) expect(html).toContain(escapeHtml(d.law));
    }
    expect(html).toContain('google-analytics.com');
  });

  it('writes the document in French when asked', () => {
    const audit = exampleAudit(4, 'fr');
    const html = evidenceHtml(audit, context, 'fr', translator('fr'));
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('Rapport de constat Vigie — www.lyon.fr');
    expect(html).toContain('23 novembre 2026');
    expect(html).toContain(escapeHtml(audit.score.deductions[0]!.reason));
  });

  it('escapes whatever the page or its third parties named', () => {
    const audit = exampleAudit(4);
    const hostile: Audit = {
      ...audit,
      page: { ...audit.page, url: 'https://www.lyon.fr/?q=<script>alert(1)</script>' },
      cookies: [{ ...audit.cookies[0]!, name: '"><img src=x onerror=alert(1)>' }],
    };
    const html = evidenceHtml(hostile, context, 'en', translator('en'));
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
  });

  it('embeds the diagram markup it is given', () => {
    const html = evidenceHtml(exampleAudit(1), { ...context, diagram: '<svg data-testid="flow-diagram"></svg>' }, 'en', translator('en'));
    expect(html).toContain('<div class="diagram"><svg data-testid="flow-diagram"></svg></div>');
  });
});

describe('browserName', () => {
  it.each([
    ['Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0', 'Firefox 140'],
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36', 'Chromium 140'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36 Edg/140.0.0.0', 'Edge 140'],
  ])('%s → %s', (ua, name) => {
    expect(browserName(ua)).toBe(name);
  });
});
